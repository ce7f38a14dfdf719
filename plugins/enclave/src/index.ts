/** Legacy (old frontend system) exports of the Data Enclave plugin. */
export { enclavePlugin } from './plugin';
