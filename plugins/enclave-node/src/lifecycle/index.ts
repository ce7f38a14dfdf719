/** Day-2 operations: people, upgrades, decommission and drift. */
export { addEnvironmentUsers } from './addEnvironmentUsers';
export type {
  AddEnvironmentUsersOptions,
  MemberChange,
  NewEnvironmentUser,
} from './addEnvironmentUsers';
export { removeEnvironmentUsers } from './removeEnvironmentUsers';
export type { RemoveEnvironmentUsersOptions } from './removeEnvironmentUsers';
export {
  upgradeEnvironment,
  describeDiff,
  holdUpgrade,
} from './upgradeEnvironment';
export type {
  UpgradeEnvironmentOptions,
  UpgradeEnvironmentResult,
} from './upgradeEnvironment';
export { destroyEnvironment } from './destroyEnvironment';
export type {
  DestroyEnvironmentOptions,
  DestroyEnvironmentResult,
  DestroyPhase,
} from './destroyEnvironment';
export { planDestroy } from './planDestroy';
export type { PlanDestroyOptions } from './planDestroy';
export { checkDrift, summarizeDrift } from './driftCheck';
export type { DriftCheckOptions, DriftSummary } from './driftCheck';
export { environmentTerraform, storedSpec } from './environmentTerraform';
export { environmentWorkDir } from './environmentWorkDir';
export { appliedEvidence, APPLY_ATTEMPT_DETAIL } from './appliedEvidence';
export type { AppliedEvidenceInput } from './appliedEvidence';
export {
  failRunningOperations,
  handedOverToRecovery,
  handOverToRecoveredTasks,
  runningOperationCount,
  setLocalOperationCloser,
  SHUTDOWN_FAILURE_REASON,
  trackRunningOperation,
} from './runningOperations';
export type {
  FailRunningOperationsOptions,
  OperationCloser,
  RunningOperationHandle,
} from './runningOperations';
