import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TaskLookup } from './OperationReconciler';

/**
 * Asks the scaffolder (`GET /v2/tasks/:taskId`) with this plugin's service
 * credentials, on whichever replica answers: task state lives in the shared
 * database, so any replica knows every task.
 */
export function scaffolderTaskLookup(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): TaskLookup {
  const { auth, discovery } = options;
  return {
    async getTask(taskId) {
      const baseUrl = await discovery.getBaseUrl('scaffolder');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'scaffolder',
      });
      const response = await fetch(
        `${baseUrl}/v2/tasks/${encodeURIComponent(taskId)}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.status === 404) return { status: 'missing' };
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const task = (await response.json()) as {
        status: string;
        lastHeartbeatAt?: string;
      };
      return { status: task.status, lastHeartbeatAt: task.lastHeartbeatAt };
    },
  };
}
