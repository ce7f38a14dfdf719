/**
 * Backstage-agnostic Data Enclave library: the CDKTF stack, the exfiltration
 * guardrails, the Terraform runner, the provisioning pipeline, AWS
 * provisioning (directory users, WorkSpaces, status, teardown) and the
 * day-2 lifecycle.
 */
export * from './guardrails';
export * from './stack';
export * from './terraform';
export * from './provision';
export * from './aws';
export * from './lifecycle';
