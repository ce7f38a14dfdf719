export { TerraformRunner } from './terraformRunner';
export type {
  TerraformRunnerOptions,
  TerraformRunResult,
  TerraformTimeouts,
} from './terraformRunner';
export { spawnTerraform, TerraformSpawnError } from './spawnTerraform';
export {
  interruptAllTerraform,
  runningTerraformCount,
} from './terraformSupervisor';
export {
  createPrivateRunDir,
  privateRunRoot,
  sweepPrivateRunDirs,
} from './privateRunDirs';
export type { SweepResult } from './privateRunDirs';
export {
  TerraformCommandError,
  TerraformCancelledError,
} from './terraformErrors';
export { summarizePlan, formatPlanSummary } from './planSummary';
export { ProgressReporter } from './progressReporter';
export { parseTerraformEvent } from './jsonEvents';
export type { TerraformEvent, TerraformDiagnostic } from './jsonEvents';
export { writeTerraformCliConfig } from './cliConfig';
export { findProviderMirror } from './findProviderMirror';
