/*
 * The one CIDR implementation of the product, on ipaddr.js: the spec schema
 * (action), the template's client-CIDR field (browser), the stack's subnet
 * layout and the guardrails (`enclave-node/src/guardrails/cidr.ts` re-exports
 * this) all call these functions, so the form and the action can never
 * disagree. Coverage by a union is computed on address intervals (BigInt),
 * which is exact for any mix of prefixes: `0.0.0.0/1` + `128.0.0.0/1` is the
 * whole IPv4 internet.
 *
 * BigInt is written as `BigInt(n)`, not `1n`, so the frontend bundle needs no
 * ES2020 syntax transform.
 */
import ipaddr from 'ipaddr.js';

export type IpFamily = 'ipv4' | 'ipv6';

/** A parsed IPv4 or IPv6 block. */
export interface Cidr {
  /** As written (trimmed), e.g. `10.1.0.0/16`. */
  text: string;
  family: IpFamily;
  prefix: number;
  /** First and last address of the block. */
  first: bigint;
  last: bigint;
}

/** An IPv4 block with its network address as an unsigned 32-bit integer. */
export interface Ipv4Cidr {
  network: number;
  prefix: number;
}

export const IPV4_ANY = '0.0.0.0/0';
export const IPV6_ANY = '::/0';

const ZERO = BigInt(0);
const ONE = BigInt(1);
const EIGHT = BigInt(8);

/**
 * Parses an IPv4 or IPv6 CIDR; undefined when it is not one. Host bits are
 * allowed here (Terraform JSON may carry them); `parseIpv4Cidr` refuses them.
 */
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
  const [address, prefix] = ipaddr.parseCIDR(trimmed);
  const bytes = address.toByteArray();
  const value = bytesToBigint(bytes);
  const hostBits = BigInt(bytes.length * 8 - prefix);
  const first = (value >> hostBits) << hostBits;
  const last = first + (ONE << hostBits) - ONE;
  return { text: trimmed, family: address.kind(), prefix, first, last };
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

function bytesToBigint(bytes: number[]): bigint {
  return bytes.reduce((acc, byte) => (acc << EIGHT) | BigInt(byte), ZERO);
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
    if (last >= next) next = last + ONE;
    if (next > target.last) return true;
  }
  return next > target.last;
}

/**
 * The family whose whole address space the union of `blocks` covers
 * (`0.0.0.0/0`, or `0.0.0.0/1` + `128.0.0.0/1`), if any.
 */
export function coversWholeInternet(
  blocks: readonly Cidr[],
): IpFamily | undefined {
  if (isCoveredBy(parseCidr(IPV4_ANY)!, blocks)) return 'ipv4';
  if (isCoveredBy(parseCidr(IPV6_ANY)!, blocks)) return 'ipv6';
  return undefined;
}

/**
 * Parses `a.b.c.d/n` strictly. Returns an error message (not an exception) so
 * schema refinements and form fields surface it verbatim. The address must be
 * the block's network address (`10.0.0.0/16`, not `10.0.0.1/16`): AWS
 * silently normalises host bits, which would make the stored spec disagree
 * with what is deployed.
 */
export function parseIpv4Cidr(
  value: string,
): { ok: true; cidr: Cidr & Ipv4Cidr } | { ok: false; message: string } {
  const parsed = parseCidr(value);
  if (!parsed || parsed.family !== 'ipv4') {
    return {
      ok: false,
      message: `'${value}' is not an IPv4 CIDR block like 192.0.2.0/24 (four numbers 0–255, '/', a prefix 0–32)`,
    };
  }
  const network = Number(parsed.first);
  const [address] = ipaddr.parseCIDR(parsed.text);
  if (bytesToBigint(address.toByteArray()) !== parsed.first) {
    return {
      ok: false,
      message: `'${value}' has host bits set; use ${formatIpv4Cidr({
        network,
        prefix: parsed.prefix,
      })}`,
    };
  }
  return { ok: true, cidr: { ...parsed, network } };
}

/** Formats an IPv4 block back to `a.b.c.d/n`. */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const n = cidr.network >>> 0;
  const octets = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return `${ipaddr.fromByteArray(octets).toString()}/${cidr.prefix}`;
}

function mustParse(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR: ${text}`);
  return parsed;
}

/** The RFC 1918 private ranges a VPC CIDR must come from. */
export const RFC1918_BLOCKS: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
].map(mustParse);

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
  return formatIpv4Cidr({ network: network + index * size, prefix: newPrefix });
}

/** Options from platform config that relax the client-CIDR check. */
export interface ClientCidrOptions {
  /** `dataEnclave.guardrails.allowAnyClientCidr`: allow `0.0.0.0/0`. */
  allowAnyClientCidr?: boolean;
}

/*
 * Why these ranges: an IP access control group holds "the public IP addresses
 * and ranges of IP addresses for your trusted networks" (AWS WorkSpaces
 * Administration Guide, "IP access control groups for WorkSpaces Personal",
 * https://docs.aws.amazon.com/workspaces/latest/adminguide/amazon-workspaces-ip-access-control-groups.html).
 * WorkSpaces sees the client's public (NAT or VPN egress) address, so a
 * private, loopback, link-local, shared (CGNAT), multicast or reserved block
 * can never match a real client: it is always a typo or a misunderstanding.
 * The range table is ipaddr.js's `IPv4.prototype.SpecialRanges` (RFC 5735,
 * 1918, 3927, 6598, 3171, 5737, 7534, 7450), read through `range()`.
 *
 * The RFC 5737 documentation blocks (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24) are the one exception: they are what examples, plan-mode
 * demos and tests use, and a group holding one admits nobody (fails closed).
 */
const DOCUMENTATION_BLOCKS: readonly Cidr[] = [
  '192.0.2.0/24',
  '198.51.100.0/24',
  '203.0.113.0/24',
].map(mustParse);

const RANGE_NAMES: Record<string, string> = {
  private: 'a private range (RFC 1918)',
  loopback: 'loopback',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT shared space (RFC 6598)',
  multicast: 'multicast',
  reserved: 'a reserved range',
  unspecified: 'the unspecified block 0.0.0.0/8',
  broadcast: 'broadcast',
  as112: 'AS112 DNS sink space',
  amt: 'AMT relay anycast space',
};

type RangeTable = Record<string, [ipaddr.IPv4, number][]>;

/**
 * The special-purpose blocks a client CIDR must not touch, with their kind.
 * `SpecialRanges` is the table behind ipaddr.js's `range()`; its typings omit
 * it. Overlap (not the kind of the first address) is what matters: 96.0.0.0/4
 * starts and ends on public addresses but contains 100.64.0.0/10.
 */
const SPECIAL_BLOCKS: readonly { kind: string; cidr: Cidr }[] = Object.entries(
  (ipaddr.IPv4.prototype as unknown as { SpecialRanges: RangeTable })
    .SpecialRanges,
)
  .filter(([kind]) => kind !== 'unicast')
  .flatMap(([kind, ranges]) =>
    ranges.map(([address, prefix]) => ({
      kind,
      cidr: mustParse(`${address.toString()}/${prefix}`),
    })),
  )
  .filter(({ cidr }) => !DOCUMENTATION_BLOCKS.some(d => cidrContains(d, cidr)));

/**
 * Why a client CIDR (a rule of the WorkSpaces IP access group) is refused, or
 * undefined when it is fine. Used by the spec schema and by the template's
 * `EnclaveClientCidr` field, so both give the same message.
 */
export function clientCidrProblem(
  value: string,
  options: ClientCidrOptions = {},
): string | undefined {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) return parsed.message;
  const { cidr } = parsed;
  if (cidr.prefix === 0) {
    return options.allowAnyClientCidr
      ? undefined
      : `'${cidr.text}' admits every address: it is refused unless the platform sets dataEnclave.guardrails.allowAnyClientCidr: true; list your office or VPN egress range instead`;
  }
  const special = SPECIAL_BLOCKS.find(s => cidrOverlaps(s.cidr, cidr));
  if (special) {
    return `'${cidr.text}' overlaps ${special.cidr.text}, ${
      RANGE_NAMES[special.kind] ?? special.kind
    }: WorkSpaces only sees public addresses, so list the public egress range of your office or VPN`;
  }
  return undefined;
}
