/**
 * Shared types for directory users and WorkSpaces provisioning.
 *
 * Everything that leaves this module (results, status) is plain JSON (strings,
 * numbers, booleans, arrays, objects) so it can be stored in the registry, sent
 * over the status API and later moved to enclave-common without change.
 */

/**
 * The logging surface we need. Backstage's LoggerService and winston loggers
 * satisfy it structurally, so the library stays Backstage-agnostic.
 */
export interface EnclaveLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A person who should get a directory user and a WorkSpace. */
export interface DesktopUser {
  /** Catalog User entity name (e.g. `jane.doe`); the sAMAccountName is derived from it. */
  name: string;
  /** Email from the entity profile; stored on the directory user. */
  email?: string;
  /** Profile display name; used for given name / surname when those are absent. */
  displayName?: string;
  /** Optional given name / surname for the directory user. */
  givenName?: string;
  surname?: string;
}

/**
 * What happened to one person's desktop. `state` is a WorkSpaces state
 * (`AVAILABLE`, `PENDING`, `ERROR`, ...) or `FAILED` when no WorkSpace could be
 * created (directory user or CreateWorkspaces request failed).
 * Never contains a password.
 */
export interface DesktopResult {
  /** The catalog user name as given. */
  user: string;
  /** The derived sAMAccountName (also the WorkSpaces UserName). */
  username: string;
  workspaceId?: string;
  state: string;
  /** Where the initial password is kept (a name, not the secret). */
  secretName?: string;
  /** Human-readable error, with the AWS error code where there is one. */
  error?: string;
}

export const DESKTOP_FAILED_STATE = 'FAILED';
