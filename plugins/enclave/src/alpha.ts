export { enclavePlugin as default } from './plugin';
