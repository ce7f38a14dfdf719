/** Backstage-agnostic Data Enclave library. */
export {};
