/** Backstage-agnostic Data Enclave library. */
export {};
export * from './guardrails';
export * from './stack';
export * from './terraform';
export * from './provision';
