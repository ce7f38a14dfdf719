/*
 * The initiator's credentials, or a clear end for a task that has none.
 *
 * The scaffolder keeps a task's secrets (its initiator's credentials among
 * them) only when task recovery is on when a worker claims the task; with it
 * off they are cleared at claim (@backstage/plugin-scaffolder-backend 4.2.0,
 * DatabaseTaskStore.claimTask). A task that was running when its backend
 * died, and is recovered after recovery was switched on, therefore comes back
 * with no credentials: getInitiatorCredentials() answers none-credentials
 * (StorageTaskBroker TaskManager.getInitiatorCredentials), and every catalog
 * or permission call on the user's behalf would fail with a bare 401 or
 * "you may not change …". Nothing can be done for the user without them, so
 * the task stops at once, says why and what to do, and releases the
 * environment it held, so that the retry can start.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { EnclaveClient } from '@data-enclave/plugin-enclave-common';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';

export const NO_INITIATOR_MESSAGE =
  'this task has no sign-in credentials: it was recovered after a backend restart, and scaffolder task recovery (scaffolder.taskRecovery.enabled / EXPERIMENTAL_recoverTasks) was off when it started, so the scaffolder discarded them. Nothing more runs in this task; run the template again';

export type CredentialsRegistry = Pick<
  EnclaveClient,
  'listEnvironments' | 'finishOperation'
>;

export async function requireInitiatorCredentials(
  ctx: ActionContext<any, any, any>,
  registry: CredentialsRegistry,
): Promise<BackstageCredentials> {
  const credentials = await ctx.getInitiatorCredentials();
  if ((credentials.principal as { type?: string }).type !== 'none') {
    return credentials;
  }
  // Release what this task holds (its operation, by task id): the retry is a
  // new task and would otherwise wait for the reconciler.
  const held = await registry
    .listEnvironments()
    .then(list => list.filter(e => e.currentOperation?.taskId === ctx.task.id))
    .catch(error => {
      ctx.logger.warn(`could not look up this task's environments: ${error}`);
      return [];
    });
  for (const environment of held) {
    await registry
      .finishOperation(environment.id, {
        taskId: ctx.task.id,
        result: 'failed',
        error: NO_INITIATOR_MESSAGE,
        change: { phase: null, lastError: NO_INITIATOR_MESSAGE },
      })
      .then(() =>
        ctx.logger.info(
          `Released ${environment.name}, which this task held; it can be provisioned or changed again`,
        ),
      )
      .catch(error =>
        ctx.logger.warn(`could not release ${environment.name}: ${error}`),
      );
  }
  throw new NotAllowedError(NO_INITIATOR_MESSAGE);
}
