import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { httpStatusOf } from '../../hooks/httpStatusOf';
import { useFleet } from '../../hooks/useFleet';
import { FleetControls } from './FleetControls';
import { backendReason, FleetForbidden } from './FleetForbidden';
import { FleetRunStatus } from './FleetRunStatus';
import { FleetSummary } from './FleetSummary';
import { FleetTable } from './FleetTable';
import { isActiveRun } from './fleetReadiness';

/**
 * The platform team's view of every environment against the platform's
 * stack version: plan the upgrade of all that are behind, then roll out the
 * safe ones, watching each environment's progress. Admins only; the backend
 * decides (a 403 becomes a sentence, not a stack).
 */
export function FleetPage() {
  const state = useFleet();
  const { fleet, run } = state;

  if (state.loading) return <Progress />;
  if (state.error || !fleet) {
    return (
      <Content>
        {httpStatusOf(state.error) === 403 ? (
          <FleetForbidden reason={backendReason(state.error)} />
        ) : (
          <>
            <ResponseErrorPanel error={state.error!} />
            <Button onClick={state.refresh}>Retry</Button>
          </>
        )}
      </Content>
    );
  }

  const activeRun = isActiveRun(run) ? run : fleet.activeRun;
  const shownRun =
    run ?? fleet.activeRun ?? newest(fleet.latestPlan, fleet.latestRollout);
  return (
    <Content>
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        <FleetSummary fleet={fleet} />
        <FleetControls
          fleet={fleet}
          activeRun={activeRun}
          starting={state.starting}
          onPlan={state.startPlan}
          onRollout={state.startRollout}
        />
        {shownRun && <FleetRunStatus run={shownRun} />}
        {state.runError && (
          <Alert severity="error" data-testid="fleet-run-error">
            {backendReason(state.runError) ?? state.runError.message}
          </Alert>
        )}
        <FleetTable environments={fleet.environments} run={shownRun} />
      </Box>
    </Content>
  );
}

function newest<T extends { createdAt: string }>(
  ...runs: (T | undefined)[]
): T | undefined {
  return runs
    .filter((r): r is T => !!r)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
