/*
 * Deterministic names derived from an environment's identity. Deterministic
 * (not random) so that re-synthesizing an environment always yields the same
 * physical names, and so every package (stack, AWS provisioning, catalog) can
 * compute them without a lookup.
 */

/**
 * FNV-1a, 32-bit. Not cryptographic: used only to spread names over a small
 * space (CIDR pool, name suffixes). Pure TS so it runs in the browser too.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Default VPC CIDR: `10.<h>.0.0/16` where `h = fnv1a32(name) mod 256`, i.e. one
 * of the 256 /16 blocks of 10.0.0.0/8. Two environments may land on the same
 * block; that is harmless because enclave VPCs are never peered or routed to
 * each other (guardrail G1 forbids it). Set `vpcCidr` explicitly when an
 * environment must fit a corporate IP plan.
 */
export function deriveVpcCidr(name: string): string {
  return `10.${fnv1a32(name) % 256}.0.0/16`;
}

/**
 * Prefix for account-global physical names (IAM roles, log groups, buckets):
 * `enclave-<name>-<8 hex of fnv1a32(team)>`. Names are unique per team only, so
 * the team hash keeps two teams' `analytics` environments apart in one account.
 * At most 8 + 32 + 1 + 8 = 49 characters, leaving room under IAM's 64.
 */
export function environmentResourcePrefix(env: {
  name: string;
  team: string;
}): string {
  return `enclave-${env.name}-${fnv1a32(env.team)
    .toString(16)
    .padStart(8, '0')}`;
}

/**
 * NetBIOS (short) domain name: at most 15 characters. AWS derives it from the
 * first DNS label when omitted, which breaks for names longer than 15.
 */
export function deriveNetbiosName(name: string): string {
  return name.replace(/-/g, '').slice(0, 15).toUpperCase();
}

/** Default directory DNS name: `<name>.enclave.internal`. */
export function deriveDirectoryDomain(name: string): string {
  return `${name}.enclave.internal`;
}
