import type {
  FleetRunRecord,
  FleetRunStatus as RunStatus,
} from '@data-enclave/plugin-enclave-common';
import Typography from '@material-ui/core/Typography';
import { StatusKind, StatusLabel } from '../shared/StatusLabel';

const STATUS: Record<RunStatus, StatusKind> = {
  queued: 'pending',
  running: 'running',
  succeeded: 'ok',
  failed: 'error',
  interrupted: 'warning',
};

const WHAT = { plan: 'Fleet plan', rollout: 'Rollout' } as const;

/** One line: which run, to what version, its status and, if it failed, why. */
export function FleetRunStatus(props: { run: FleetRunRecord }) {
  const { run } = props;
  const done = run.finishedAt
    ? ` at ${new Date(run.finishedAt).toLocaleString()}`
    : '';
  return (
    <Typography variant="body2" component="div" data-testid="fleet-run-status">
      <StatusLabel status={STATUS[run.status] ?? 'pending'}>
        {WHAT[run.kind]} to {run.toVersion}: {run.status}
        {done}
        {run.status === 'interrupted' &&
          ' (the backend stopped before it finished; start it again)'}
        {run.error && ` (${run.error})`}
      </StatusLabel>
    </Typography>
  );
}
