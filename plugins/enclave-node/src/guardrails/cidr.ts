/*
 * CIDR reasoning with ipaddr.js instead of string comparison: `10.1.0.0/16` is
 * inside `10.0.0.0/8`, and `0.0.0.0/1` + `128.0.0.0/1` together are the whole
 * IPv4 internet. Coverage by a union is computed on address intervals
 * (BigInt), which is exact for any mix of prefixes.
 */
import ipaddr from 'ipaddr.js';

export type IpFamily = 'ipv4' | 'ipv6';

export interface Cidr {
  /** As written, e.g. `10.1.0.0/16`. */
  text: string;
  family: IpFamily;
  /** First and last address of the block. */
  first: bigint;
  last: bigint;
}

export const IPV4_ANY = '0.0.0.0/0';
export const IPV6_ANY = '::/0';

/** Parses a CIDR; undefined when it is not one (ipaddr.js also rejects `/33`). */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  if (!ipaddr.isValidCIDR(trimmed)) return undefined;
  // ipaddr.js accepts legacy IPv4 forms such as `10/8`; AWS does not.
  if (
    !trimmed.includes(':') &&
    !ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)
  ) {
    return undefined;
  }
  const [address, bits] = ipaddr.parseCIDR(trimmed);
  const bytes = address.toByteArray();
  const width = bytes.length * 8;
  const value = bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const hostBits = BigInt(width - bits);
  const first = (value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { text: trimmed, family: address.kind(), first, last };
}

/** True when `inner` lies entirely inside `outer` (same family). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.first <= inner.first &&
    inner.last <= outer.last
  );
}

/** True when the two blocks share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

function compareBigint(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** True when every address of `target` lies in the union of `blocks`. */
export function isCoveredBy(target: Cidr, blocks: readonly Cidr[]): boolean {
  if (blocks.some(b => cidrContains(b, target))) return true;
  const intervals = blocks
    .filter(b => b.family === target.family && cidrOverlaps(b, target))
    .map(b => [b.first, b.last] as const)
    .sort((a, b) => compareBigint(a[0], b[0]));
  let next = target.first;
  for (const [first, last] of intervals) {
    if (first > next) return false;
    if (last >= next) next = last + 1n;
    if (next > target.last) return true;
  }
  return next > target.last;
}

/**
 * True when the union of `blocks` covers the whole IPv4 or IPv6 address space,
 * e.g. `0.0.0.0/0`, or `0.0.0.0/1` + `128.0.0.0/1`.
 */
export function coversWholeInternet(
  blocks: readonly Cidr[],
): IpFamily | undefined {
  if (isCoveredBy(parseCidr(IPV4_ANY)!, blocks)) return 'ipv4';
  if (isCoveredBy(parseCidr(IPV6_ANY)!, blocks)) return 'ipv6';
  return undefined;
}
