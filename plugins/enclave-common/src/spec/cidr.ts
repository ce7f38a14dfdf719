/*
 * Small IPv4 CIDR helpers shared by the spec schema (validation) and the stack
 * (subnet layout). IPv4 only: WorkSpaces IP access groups and the enclave VPC
 * are IPv4-only by design (no IPv6 means no `::/0` egress path to reason about).
 * Pure TypeScript so the frontend can use them too.
 */

/** A parsed IPv4 CIDR block: network address as an unsigned 32-bit integer. */
export interface Ipv4Cidr {
  network: number;
  prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns an error message (not an exception) so schema
 * refinements can surface it verbatim. The address must be the block's network
 * address (`10.0.0.0/16`, not `10.0.0.1/16`): AWS silently normalises
 * host bits, which would make the stored spec disagree with what is deployed.
 */
export function parseIpv4Cidr(
  value: string,
): { ok: true; cidr: Ipv4Cidr } | { ok: false; message: string } {
  const match = CIDR_PATTERN.exec(value.trim());
  if (!match) {
    return {
      ok: false,
      message: `'${value}' is not an IPv4 CIDR block like 203.0.113.0/24`,
    };
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(o => o > 255) || prefix > 32) {
    return {
      ok: false,
      message: `'${value}' has an octet > 255 or a prefix > 32`,
    };
  }
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  const network = (address & prefixMask(prefix)) >>> 0;
  if (network !== address) {
    return {
      ok: false,
      message: `'${value}' has host bits set; use ${formatIpv4Cidr({
        network,
        prefix,
      })}`,
    };
  }
  return { ok: true, cidr: { network, prefix } };
}

/** Formats a parsed block back to `a.b.c.d/n`. */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${
    cidr.prefix
  }`;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    (inner.network & prefixMask(outer.prefix)) >>> 0 === outer.network
  );
}

/** The RFC 1918 private ranges a VPC CIDR must come from. */
export const RFC1918_BLOCKS: readonly Ipv4Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
].map(c => (parseIpv4Cidr(c) as { ok: true; cidr: Ipv4Cidr }).cidr);

/**
 * The `index`-th sub-block of `newPrefix` inside `cidr`
 * (e.g. subdivide 10.1.0.0/16 into /18s: index 1 → 10.1.64.0/18).
 */
export function subdivideCidr(
  cidr: string,
  newPrefix: number,
  index: number,
): string {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed.ok) throw new Error(parsed.message);
  const { network, prefix } = parsed.cidr;
  const count = 2 ** (newPrefix - prefix);
  if (newPrefix < prefix || newPrefix > 32 || index < 0 || index >= count) {
    throw new Error(
      `cannot take sub-block ${index} of /${newPrefix} inside ${cidr} (it has ${count})`,
    );
  }
  const size = 2 ** (32 - newPrefix);
  return formatIpv4Cidr({
    network: (network + index * size) >>> 0,
    prefix: newPrefix,
  });
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
