/*
 * The IAM actions behind the AWS SDK calls the backend makes itself (after
 * apply: directory users, WorkSpaces, secrets; the status API; teardown).
 * For SDK v3 commands the action is `<service prefix>:<command name>`; the
 * prefix comes from the client package. The Directory Service Data calls
 * are signed REST requests (directoryDataClient.ts), so they are listed by path.
 */

/** `@aws-sdk/client-<name>` → IAM service prefix. */
export const SDK_CLIENT_PREFIXES: Readonly<Record<string, string>> = {
  workspaces: 'workspaces',
  'directory-service': 'ds',
  'secrets-manager': 'secretsmanager',
  emr: 'elasticmapreduce',
  sts: 'sts',
};

/** Directory Service Data REST path → IAM actions (ds-data plus the gate). */
export const DIRECTORY_DATA_PERMISSIONS: Readonly<Record<string, string[]>> = {
  '/Users/CreateUser': ['ds-data:CreateUser', 'ds:AccessDSData'],
  '/Users/DescribeUser': ['ds-data:DescribeUser', 'ds:AccessDSData'],
  '/Users/DeleteUser': ['ds-data:DeleteUser', 'ds:AccessDSData'],
};

/** The IAM action for an SDK v3 command imported from `@aws-sdk/client-<client>`. */
export function sdkCommandPermission(client: string, command: string): string {
  const prefix = SDK_CLIENT_PREFIXES[client];
  if (!prefix) {
    throw new Error(
      `no IAM prefix for @aws-sdk/client-${client}: add it to SDK_CLIENT_PREFIXES`,
    );
  }
  return `${prefix}:${command.replace(/Command$/, '')}`;
}
