import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import type { EnvironmentState } from '@data-enclave/plugin-enclave-common';
import Chip from '@material-ui/core/Chip';
import { ReactNode } from 'react';

const LABELS: Record<EnvironmentState, string> = {
  planned: 'Planned',
  provisioning: 'Provisioning',
  ready: 'Ready',
  failed: 'Failed',
  updating: 'Updating',
  destroying: 'Destroying',
  destroyed: 'Destroyed',
};

const ICONS: Record<EnvironmentState, (children: ReactNode) => ReactNode> = {
  planned: c => <StatusPending>{c}</StatusPending>,
  provisioning: c => <StatusRunning>{c}</StatusRunning>,
  updating: c => <StatusRunning>{c}</StatusRunning>,
  destroying: c => <StatusRunning>{c}</StatusRunning>,
  ready: c => <StatusOK>{c}</StatusOK>,
  failed: c => <StatusError>{c}</StatusError>,
  destroyed: c => <StatusAborted>{c}</StatusAborted>,
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
      label={(ICONS[state] ?? (c => c))(environmentStateLabel(state))}
    />
  );
}
