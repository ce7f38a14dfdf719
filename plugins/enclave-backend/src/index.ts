/**
 * The Data Enclave backend plugin: registry, status API and permissions.
 * @packageDocumentation
 */
export { enclavePlugin as default } from './plugin';
export { enclavePermissionPolicyModule } from './permissions/policyModule';
export { EnclavePermissionPolicy } from './permissions/EnclavePermissionPolicy';
export {
  enclaveEnvironmentConditions,
  createEnclaveEnvironmentConditionalDecision,
  environmentPermissionResourceRef,
} from './permissions/rules';
