/*
 * What enclave:users:add and enclave:users:remove do once the library has
 * changed the membership: record it, close the operation and set the outputs.
 */
import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { EnvironmentMember } from '@data-enclave/plugin-enclave-common';
import { EnclaveInputError } from '@data-enclave/plugin-enclave-node';
import { LifecycleOperation } from './lifecycleOperation';

export interface MembershipChange {
  spec: unknown;
  members: EnvironmentMember[];
  changed: string[];
  unchanged: string[];
  failed: Array<{ entityRef: string; error: string }>;
}

export function describeMembers(members: EnvironmentMember[]) {
  return members.map(m => ({
    user: m.entityRef,
    username: m.username,
    workspaceId: m.workspaceId,
    state: m.state,
    error: m.error,
  }));
}

/** Mistakes in what was asked for become InputErrors (shown as-is). */
export function rethrowInputErrors(error: unknown): never {
  if (error instanceof EnclaveInputError) throw new InputError(error.message);
  if ((error as Error)?.name === 'EnvironmentSpecError')
    throw new InputError((error as Error).message);
  throw error;
}

/**
 * People whose part failed are recorded with their error (a re-run repairs
 * them), and the task fails so that someone looks.
 */
export async function finishMembershipChange(
  ctx: ActionContext<any, any, any>,
  op: LifecycleOperation,
  change: MembershipChange,
  names: { changed: string; unchanged: string; failure: string },
): Promise<void> {
  const failure = change.failed.length
    ? `${names.failure} ${change.failed
        .map(f => `${f.entityRef}: ${f.error}`)
        .join('; ')}. Run the task again to retry.`
    : undefined;
  await op.finish(
    {
      spec: change.spec as Record<string, unknown>,
      members: change.members,
    },
    { [names.changed]: change.changed, [names.unchanged]: change.unchanged },
    failure,
  );
  ctx.output(names.changed, change.changed);
  ctx.output(names.unchanged, change.unchanged);
  ctx.output('planOnly', op.planOnly);
  ctx.output('members', describeMembers(change.members));
  if (failure) throw new Error(failure);
}
