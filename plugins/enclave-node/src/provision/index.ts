export { provisionEnvironment } from './provisionEnvironment';
export type {
  Checkpoint,
  ProvisionEnvironmentOptions,
  ProvisionEnvironmentResult,
  ProvisionPhase,
} from './provisionEnvironment';
export type { EnvironmentPerson } from './environmentDesktops';
export { PLAN_MODE_REASON, PLAN_MODE_AWS_ENV } from './planModeEnv';
export { toGuardrailReportJson } from './guardrailReportJson';
export {
  buildEnvironmentSpec,
  accountForRegion,
  checkRegionAllowed,
  EnclaveInputError,
} from './provisionRequest';
export type { ProvisionRequest } from './provisionRequest';
