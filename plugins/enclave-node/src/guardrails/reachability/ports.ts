/*
 * Traffic as sets of (protocol, port range), with the three operations the
 * reachability model needs: what a security group rule admits, the
 * intersection of two sets (egress on one side AND ingress on the other), and
 * whether a set covers a required range.
 *
 * Protocol spellings follow the provider: `-1`/`all` is every protocol on
 * every port; `tcp`/`6`, `udp`/`17`, `icmp`/`1` (ICMP ports are type/code and
 * are kept as a whole range). Other IP protocols carry no ports a person
 * needs and are ignored.
 */
import type {
  TerraformDocument,
  TerraformResource,
} from '../terraformDocument';
import type { JsonObject } from '../values';

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

const ALL_PORTS = { from: 0, to: 65535 };
const PROTOCOLS: Record<string, Protocol | 'all'> = {
  '-1': 'all',
  all: 'all',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
};

/** Every protocol on every port (what `-1` admits). */
export const ALL_TRAFFIC: readonly PortRange[] = (
  ['tcp', 'udp', 'icmp'] as const
).map(protocol => ({ protocol, ...ALL_PORTS }));

function literalNumber(
  doc: TerraformDocument,
  value: unknown,
  from: TerraformResource,
): number | undefined {
  const state = doc.resolve(value, from);
  if (state.kind !== 'literal') return undefined;
  const n = Number(state.value);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The traffic one rule admits, read from its `ip_protocol`/`protocol` and
 * `from_port`/`to_port`. A protocol or port that is not a literal admits
 * nothing provable, so it yields no traffic (the path stays unproven).
 */
export function ruleTraffic(
  doc: TerraformDocument,
  body: JsonObject,
  from: TerraformResource,
): PortRange[] {
  const raw = doc.resolve(body.ip_protocol ?? body.protocol, from);
  if (raw.kind !== 'literal') return [];
  const protocol = PROTOCOLS[String(raw.value).toLowerCase()];
  if (!protocol) return [];
  if (protocol === 'all') return [...ALL_TRAFFIC];
  if (protocol === 'icmp') return [{ protocol, ...ALL_PORTS }];
  const hasPorts =
    body.from_port !== undefined &&
    body.from_port !== null &&
    body.to_port !== undefined &&
    body.to_port !== null;
  if (!hasPorts) return [{ protocol, ...ALL_PORTS }];
  const lo = literalNumber(doc, body.from_port, from);
  const hi = literalNumber(doc, body.to_port, from);
  if (lo === undefined || hi === undefined || lo > hi) return [];
  return [{ protocol, from: lo, to: hi }];
}

/** Sorted, merged ranges per protocol. */
export function normalize(ranges: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const protocol of ['tcp', 'udp', 'icmp'] as const) {
    const sorted = ranges
      .filter(r => r.protocol === protocol)
      .sort((a, b) => a.from - b.from);
    let current: PortRange | undefined;
    for (const r of sorted) {
      if (current && r.from <= current.to + 1) {
        current.to = Math.max(current.to, r.to);
      } else {
        current = { ...r };
        out.push(current);
      }
    }
  }
  return out;
}

/** Traffic in both sets. */
export function intersect(
  a: readonly PortRange[],
  b: readonly PortRange[],
): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return normalize(out);
}

/** True when every port of `required` is in `ranges`. */
export function covers(
  ranges: readonly PortRange[],
  required: PortRange,
): boolean {
  return normalize(ranges).some(
    r =>
      r.protocol === required.protocol &&
      r.from <= required.from &&
      required.to <= r.to,
  );
}

/** The part of `ranges` outside every range of `allowed`. */
export function subtract(
  ranges: readonly PortRange[],
  allowed: readonly PortRange[],
): PortRange[] {
  let rest = normalize(ranges);
  for (const cut of normalize(allowed)) {
    rest = rest.flatMap(r => {
      if (r.protocol !== cut.protocol || cut.to < r.from || r.to < cut.from)
        return [r];
      const pieces: PortRange[] = [];
      if (r.from < cut.from)
        pieces.push({ protocol: r.protocol, from: r.from, to: cut.from - 1 });
      if (cut.to < r.to)
        pieces.push({ protocol: r.protocol, from: cut.to + 1, to: r.to });
      return pieces;
    });
  }
  return rest;
}

/** `tcp 8998`, `tcp 1024-65535`, `icmp`, `all tcp`. */
export function describeRange(range: PortRange): string {
  if (range.protocol === 'icmp') return 'icmp';
  if (range.from === 0 && range.to === 65535) return `all ${range.protocol}`;
  return range.from === range.to
    ? `${range.protocol} ${range.from}`
    : `${range.protocol} ${range.from}-${range.to}`;
}
