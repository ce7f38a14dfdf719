import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';

const ICONS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  running: StatusRunning,
  aborted: StatusAborted,
} as const;

export type StatusKind = keyof typeof ICONS;

/**
 * A status icon followed by its text. Backstage's Status components mark
 * their content aria-hidden, so the text goes beside the icon, not inside it,
 * to stay readable by screen readers (and by tests that query by role).
 */
export function StatusLabel(props: {
  status: StatusKind;
  children: ReactNode;
}) {
  const Icon = ICONS[props.status];
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center' }}>
      <Icon />
      <span>{props.children}</span>
    </span>
  );
}
