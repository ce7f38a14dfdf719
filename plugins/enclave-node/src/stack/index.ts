/*
 * Public surface of the stack. Everything cdktf-specific stays behind these
 * exports so a move to CDK Terrain (`cdktn`) touches only this folder.
 */
// First: must be evaluated before anything loads cdktf (see the file for why).
import './cdktfRuntimeTweaks';

export {
  synthesizeEnvironment,
  synthesizeOptionsFromConfig,
  DIRECTORY_PASSWORD_ENV,
} from './synthesizeEnvironment';
export type {
  SynthesizeOptions,
  SynthesisResult,
  SynthesisSummary,
} from './synthesizeEnvironment';
export { ENCLAVE_OUTPUTS } from './enclaveStack';
export type { EnclaveOutputName } from './enclaveStack';
export { readEnvironmentOutputs } from './environmentOutputs';
export type {
  EnclaveProviderOptions,
  EnclaveBackendOptions,
} from './providerOptions';
export {
  DIRECTORY_PASSWORD_VARIABLE,
  DIRECTORY_ADMIN_USERNAME,
  directoryAdminSecretName,
} from './directory';
export { ConstructPropsError } from './assertProps';
