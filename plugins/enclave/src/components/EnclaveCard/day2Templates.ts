import type {
  EnvironmentRecord,
  OperationKind,
} from '@data-enclave/plugin-enclave-common';
import {
  fleetRunIdOfTask,
  isBusyState,
  isScaffolderTaskId,
} from '@data-enclave/plugin-enclave-common';

/**
 * The day-2 templates the product ships (templates/environment-*), by the
 * name in their metadata. A test checks every name exists in templates/.
 */
export const DAY2_TEMPLATES = {
  users: 'data-science-environment-users',
  upgrade: 'data-science-environment-upgrade',
  decommission: 'data-science-environment-decommission',
} as const;

/**
 * The template's page with its form pre-filled. Backstage's scaffolder reads
 * a JSON `formData` query parameter as the form's initial state
 * (`useFormDataFromQuery` in @backstage/plugin-scaffolder-react, 2.1.0).
 */
export function templateUrl(
  template: string,
  formData: Record<string, unknown>,
): string {
  return `/create/templates/default/${template}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

/** Where a scaffolder task shows its log. */
export function taskUrl(taskId: string): string {
  return `/create/tasks/${encodeURIComponent(taskId)}`;
}

const OPERATION_LABELS: Record<OperationKind, string> = {
  provision: 'Provisioning',
  'add-user': 'Adding people',
  'remove-user': 'Removing people',
  upgrade: 'Upgrading',
  destroy: 'Decommissioning',
  'reveal-credential': 'Revealing a password',
  'drift-check': 'Checking for drift',
};

/** What is changing the environment right now, if anything, and its task. */
export function runningOperation(
  environment: EnvironmentRecord,
): { label: string; taskId?: string } | undefined {
  const current = environment.currentOperation;
  if (current) {
    const fleet = current.taskId && fleetRunIdOfTask(current.taskId);
    return {
      label: fleet
        ? `${OPERATION_LABELS[current.kind]} (fleet run by ${
            current.initiator
          })`
        : OPERATION_LABELS[current.kind],
      // Only a scaffolder task has a task page; a fleet run or a drift
      // check is the backend's own background work.
      ...(current.taskId && isScaffolderTaskId(current.taskId)
        ? { taskId: current.taskId }
        : {}),
    };
  }
  if (isBusyState(environment.state)) {
    const byState = {
      provisioning: 'Provisioning',
      updating: 'Updating',
      destroying: 'Decommissioning',
    } as const;
    return { label: byState[environment.state] };
  }
  return undefined;
}

/**
 * True when the platform's stack version is newer than the environment's
 * (numeric semver core compare; a pre-release tag counts as older than its
 * release).
 */
export function isNewerStackVersion(latest: string, current: string): boolean {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2);
    return { parts: core.split('.').map(n => Number(n) || 0), pre };
  };
  const a = parse(latest);
  const b = parse(current);
  for (let i = 0; i < 3; i++) {
    const diff = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  if (a.pre === b.pre) return false;
  if (!a.pre) return true;
  if (!b.pre) return false;
  return a.pre > b.pre;
}
