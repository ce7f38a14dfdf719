export { enclaveApiRef } from './enclaveApiRef';
export type { EnclaveApi } from './enclaveApiRef';
