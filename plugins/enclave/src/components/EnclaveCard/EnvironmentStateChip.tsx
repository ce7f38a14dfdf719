import type { EnvironmentState } from '@data-enclave/plugin-enclave-common';
import Chip from '@material-ui/core/Chip';
import { StatusKind, StatusLabel } from '../shared/StatusLabel';

const LABELS: Record<EnvironmentState, string> = {
  planned: 'Planned',
  provisioning: 'Provisioning',
  ready: 'Ready',
  failed: 'Failed',
  updating: 'Updating',
  destroying: 'Destroying',
  destroyed: 'Destroyed',
};

const STATUS: Record<EnvironmentState, StatusKind> = {
  planned: 'pending',
  provisioning: 'running',
  updating: 'running',
  destroying: 'running',
  ready: 'ok',
  failed: 'error',
  destroyed: 'aborted',
};

export function environmentStateLabel(state: EnvironmentState): string {
  return LABELS[state] ?? state;
}

/** The environment's state as a chip with the matching status colour. */
export function EnvironmentStateChip(props: { state: EnvironmentState }) {
  const { state } = props;
  return (
    <Chip
      variant="outlined"
      size="small"
      data-testid="enclave-state"
      label={
        <StatusLabel status={STATUS[state] ?? 'pending'}>
          {environmentStateLabel(state)}
        </StatusLabel>
      }
    />
  );
}
