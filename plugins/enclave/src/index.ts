/**
 * Legacy (old frontend system) exports of the Data Enclave plugin. Apps on
 * the new frontend system use the default export of `/alpha` instead.
 */
export {
  legacyEnclavePlugin as enclavePlugin,
  EntityEnclaveCard,
  EnclaveEnvironmentsPage,
  EnclaveFleetPage,
} from './legacy';
export {
  EnclaveRegionPickerFieldExtension,
  EnclaveGuaranteesFieldExtension,
  EnclaveCostEstimateFieldExtension,
  EnclaveClientCidrFieldExtension,
  EnclaveEnvironmentNameFieldExtension,
} from './legacyFields';
export { enclaveApiRef } from './api';
export type { EnclaveApi } from './api';
export { isEnclaveEnvironment } from './isEnclaveEnvironment';
