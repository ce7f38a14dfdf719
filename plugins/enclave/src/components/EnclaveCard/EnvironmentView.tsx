import {
  estimateMonthlyCost,
  ENCLAVE_ANNOTATIONS,
} from '@data-enclave/plugin-enclave-common';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { EnvironmentDetails } from '../../hooks/useEnvironmentDetails';
import { CostEstimateTable } from '../shared/CostEstimateTable';
import { consoleLinks } from './consoleLinks';
import { ConsoleLinksList } from './ConsoleLinksList';
import { costInputFromSpec } from './costInputFromSpec';
import { Day2Controls } from './Day2Controls';
import { StartSparkButton } from './StartSparkButton';
import { GuardrailsPanel } from './GuardrailsPanel';
import { joinWorkspaceRows, WorkspaceRow } from './joinWorkspaceRows';
import { OperationsTable } from './OperationsTable';
import { OverviewTable } from './OverviewTable';
import { PlannedPanel } from './PlannedPanel';
import { ProgressPanel } from './ProgressPanel';
import { RevealPasswordDialog } from './RevealPasswordDialog';
import { WorkspacesTable } from './WorkspacesTable';

const CHANGING = ['provisioning', 'updating', 'destroying'];

const useStyles = makeStyles({
  /**
   * Table cells hold ids, enums (PERFORMANCE, AUTO_STOP), dates and amounts:
   * none of them may break across lines, so at 1024 px the table scrolls
   * sideways instead.
   */
  unbroken: {
    overflowX: 'auto',
    '& td, & th': { whiteSpace: 'nowrap' },
  },
});

export interface EnvironmentViewProps {
  details: EnvironmentDetails;
  /** The environment's catalog entity ref; the day-2 templates are pre-filled with it. */
  entityRef: string;
  me?: string;
  onChanged: () => void;
}

/** Lays out the card's sections; each section renders one slice of the record. */
export function EnvironmentView(props: EnvironmentViewProps) {
  const { details, entityRef, me, onChanged } = props;
  const classes = useStyles();
  const { environment, status, statusError, operations } = details;
  const [revealFor, setRevealFor] = useState<WorkspaceRow>();
  const rows = joinWorkspaceRows(environment, status, me);
  const applied = environment.state !== 'planned' && !status?.planned;
  const liveProblem = status?.error ?? statusError?.message;
  const estimate = estimateMonthlyCost(
    costInputFromSpec(
      environment.spec,
      environment.members.length,
      environment.region,
    ),
  );

  return (
    <Grid container spacing={2} data-registry-id={environment.id}>
      <Grid item xs={12}>
        {environment.state === 'planned' && (
          <PlannedPanel environment={environment} />
        )}
        {CHANGING.includes(environment.state) && (
          <ProgressPanel environment={environment} />
        )}
        {environment.state === 'failed' && (
          <Alert severity="error" data-testid="enclave-failed">
            {environment.lastError ??
              'The last operation failed; see its task log.'}
          </Alert>
        )}
        {applied && liveProblem && (
          <Typography variant="caption" color="textSecondary">
            Live AWS status is unavailable ({liveProblem}); showing what was
            recorded at provisioning.
          </Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <Day2Controls environment={environment} entityRef={entityRef} />
        <StartSparkButton
          environment={environment}
          status={status}
          onStarted={onChanged}
        />
      </Grid>
      <Grid item xs={12}>
        <OverviewTable
          environment={environment}
          status={status}
          entityRef={entityRef}
        />
        <ConsoleLinksList links={consoleLinks(environment)} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="subtitle2" gutterBottom>
          Exfiltration guardrails
        </Typography>
        <GuardrailsPanel report={environment.guardrails} />
      </Grid>
      {/* Every section is full width: the card itself is often half the
          entity page (about 490 px at a 1024 px window), so side-by-side
          columns broke ids and amounts mid-word. */}
      <Grid item xs={12}>
        <Typography variant="subtitle2" gutterBottom>
          Cost
        </Typography>
        <CostEstimateTable estimate={estimate} />
      </Grid>
      <Grid item xs={12} className={classes.unbroken}>
        <WorkspacesTable
          rows={rows}
          applied={applied}
          registrationCode={environment.outputs.registrationCode}
          onReveal={setRevealFor}
        />
      </Grid>
      <Grid item xs={12} className={classes.unbroken}>
        <OperationsTable operations={operations} />
      </Grid>
      {revealFor && (
        <RevealPasswordDialog
          open
          environmentId={environment.id}
          username={revealFor.username}
          registrationCode={environment.outputs.registrationCode}
          onClose={revealed => {
            setRevealFor(undefined);
            if (revealed) onChanged();
          }}
        />
      )}
    </Grid>
  );
}

/** Re-exported so the card and its tests name the annotation the same way. */
export const REGISTRY_ID_ANNOTATION = ENCLAVE_ANNOTATIONS.registryId;
