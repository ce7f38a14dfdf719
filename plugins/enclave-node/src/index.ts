/**
 * Backstage-agnostic Data Enclave library: the CDKTF stack, the exfiltration
 * guardrails, the Terraform runner, the provisioning pipeline, AWS
 * provisioning (directory users, WorkSpaces, status, teardown) and the
 * day-2 lifecycle.
 *
 * The surface is named, not `export *`: what the Backstage packages (and the
 * benchmarks) import, plus the entry points a platform team uses without
 * Backstage (synthesize, check, plan, provision, status, Spark). Everything
 * else is internal to this package (the CLI imports it directly); test
 * doubles are in `@data-enclave/plugin-enclave-node/testUtils`.
 */

// The exfiltration policy: one rule a file, at synth and on the plan.
export {
  assertGuardrails,
  checkGuardrails,
  formatReportText,
  GUARDRAIL_RULE_IDS,
  GUARDRAIL_RULES,
  GuardrailViolationError,
  reportToJson,
} from './guardrails';
export type {
  FormatReportOptions,
  GuardrailFinding,
  GuardrailOptions,
  GuardrailReport,
  GuardrailRule,
  GuardrailRuleId,
  GuardrailRuleResult,
  RuleContext,
  RuleFinding,
  RuleOutcome,
  TerraformDocumentSource,
} from './guardrails';

// The CDKTF stack.
export {
  ConstructPropsError,
  DIRECTORY_ADMIN_USERNAME,
  DIRECTORY_PASSWORD_ENV,
  directoryAdminSecretName,
  synthesizeEnvironment,
} from './stack';
export type {
  SynthesisResult,
  SynthesisSummary,
  SynthesizeOptions,
} from './stack';

// The Terraform runner.
export {
  findProviderMirror,
  interruptAllTerraform,
  sweepPrivateRunDirs,
  TerraformCancelledError,
  TerraformCommandError,
  TerraformRunner,
  TerraformSpawnError,
  writeTerraformCliConfig,
} from './terraform';
export type {
  SweepResult,
  TerraformRunnerOptions,
  TerraformDiagnostic,
  TerraformRunResult,
  TerraformTimeouts,
} from './terraform';

// The provisioning pipeline.
export {
  buildEnvironmentSpec,
  EnclaveInputError,
  PLAN_MODE_AWS_ENV,
  provisionEnvironment,
  toGuardrailReportJson,
} from './provision';
export type {
  Checkpoint,
  EnvironmentPerson,
  ProvisionEnvironmentOptions,
  ProvisionEnvironmentResult,
  ProvisionPhase,
  ProvisionRequest,
} from './provision';

// AWS: clients, terraform credentials, status, Spark.
export {
  createEnclaveAwsClients,
  destroyEnclaveAwsClients,
  getEnvironmentStatus,
  parseEmrLaunchSpec,
  sparkClusterStatus,
  startSparkCluster,
  terminateSparkClusters,
  terraformCredentialsEnv,
} from './aws';
export type {
  DesktopStatus,
  DesktopUser,
  EnclaveAwsClientOptions,
  EnclaveAwsClients,
  EnclaveLogger,
  EnvironmentStatus,
  EnvironmentStatusInput,
  ProvisionDesktopsTuning,
  SparkClusterStatus,
  Timing,
} from './aws';

// Day-2 lifecycle.
export {
  addEnvironmentUsers,
  appliedEvidence,
  APPLY_ATTEMPT_DETAIL,
  checkDrift,
  destroyEnvironment,
  environmentWorkDir,
  failRunningOperations,
  handedOverToRecovery,
  handOverToRecoveredTasks,
  planDestroy,
  removeEnvironmentUsers,
  setLocalOperationCloser,
  trackRunningOperation,
  upgradeEnvironment,
} from './lifecycle';
export type {
  AddEnvironmentUsersOptions,
  AppliedEvidenceInput,
  DestroyEnvironmentOptions,
  DestroyEnvironmentResult,
  DestroyPhase,
  DriftCheckOptions,
  DriftSummary,
  FailRunningOperationsOptions,
  MemberChange,
  NewEnvironmentUser,
  OperationCloser,
  PlanDestroyOptions,
  RemoveEnvironmentUsersOptions,
  RunningOperationHandle,
  UpgradeEnvironmentOptions,
  UpgradeEnvironmentResult,
} from './lifecycle';

// Fleet rollout (issue 19).
export {
  applyFleetUpgrade,
  InMemoryFleetRegistry,
  partitionFleet,
  planFleetUpgrade,
} from './fleet';
export type {
  ApplyFleetUpgradeOptions,
  FleetEnvironmentPlan,
  FleetEnvironmentRef,
  FleetEnvironmentRollout,
  FleetPlan,
  FleetPlanStatus,
  FleetProgress,
  FleetRegistry,
  FleetRollout,
  FleetRolloutStatus,
  FleetRunOptions,
  PlanFleetUpgradeOptions,
} from './fleet';
