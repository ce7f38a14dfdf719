/*
 * CIDR reasoning for the guardrails. The implementation (ipaddr.js, exact
 * interval coverage) lives once in enclave-common, where the spec schema and
 * the template's client-CIDR field use it too; this file keeps the guardrails'
 * import path stable.
 */
export {
  cidrContains,
  cidrOverlaps,
  coversWholeInternet,
  isCoveredBy,
  IPV4_ANY,
  IPV6_ANY,
  parseCidr,
} from '@data-enclave/plugin-enclave-common';
export type { Cidr, IpFamily } from '@data-enclave/plugin-enclave-common';
