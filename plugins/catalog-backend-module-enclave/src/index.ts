/**
 * Catalog module that emits Data Enclave environments as Resource entities.
 * @packageDocumentation
 */
export { catalogModuleEnclave as default } from './module';
export { EnclaveEntityProvider } from './EnclaveEntityProvider';
export {
  environmentToEntity,
  consoleUrl,
  readStackSourceUrl,
} from './environmentToEntity';
export type { EnvironmentEntityOptions } from './environmentToEntity';
