import {
  WorkSpacesClient,
  WorkspaceBundle,
  paginateDescribeWorkspaceBundles,
} from '@aws-sdk/client-workspaces';
import { Timing, throwIfAborted } from './timing';

/**
 * Bundles are looked up by name because bundle ids differ per region and
 * change when AWS publishes new images. Default: Ubuntu 22.04 (DCV);
 * Amazon Linux 2 bundles are end-of-life.
 *
 * Source of the name: DescribeWorkspaceBundles with Owner AMAZON ("To
 * describe the bundles provided by Amazon Web Services, specify AMAZON",
 * botocore workspaces/2015-04-08) returns the public bundles; "Standard with
 * Ubuntu 22.04" is the name public Terraform configurations select with
 * `data "aws_workspaces_bundle" { owner = "AMAZON", name = ... }`. No AWS
 * page lists bundle names per region, so findBundleByName checks the name
 * against the live AMAZON list at run time and fails with close matches,
 * before any user or desktop is created.
 */
export const DEFAULT_BUNDLE_NAME = 'Standard with Ubuntu 22.04';

export interface ResolvedBundle {
  bundleId: string;
  name: string;
  computeType?: string;
}

export class BundleNotFoundError extends Error {
  readonly closeMatches: string[];
  constructor(message: string, matches: string[]) {
    super(message);
    this.name = 'BundleNotFoundError';
    this.closeMatches = matches;
  }
}

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** Similarity in [0, 1]: 1 - edit distance / longer length. */
function similarity(a: string, b: string): number {
  const x = normalize(a);
  const y = normalize(b);
  return 1 - levenshtein(x, y) / Math.max(x.length, y.length, 1);
}

export function closeMatches(
  wanted: string,
  names: readonly string[],
  limit = 5,
): string[] {
  return [...new Set(names)]
    .map(name => ({ name, score: similarity(wanted, name) }))
    .filter(({ score }) => score >= 0.5)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

export interface FindBundleOptions {
  client: WorkSpacesClient;
  name?: string;
  /** When several bundles share the name, prefer this compute type. */
  computeType?: string;
  /**
   * Default 'AMAZON' (the public bundles). An account id looks among the
   * account's own (custom) bundles: botocore's `Owner` says "To describe the
   * bundles that belong to your account, don't specify a value".
   */
  owner?: string;
  signal?: AbortSignal;
  timing?: Timing;
}

export async function findBundleByName(
  options: FindBundleOptions,
): Promise<ResolvedBundle> {
  const wanted = options.name ?? DEFAULT_BUNDLE_NAME;
  const all: WorkspaceBundle[] = [];
  for await (const page of paginateDescribeWorkspaceBundles(
    {
      client: options.client,
    },
    (options.owner ?? 'AMAZON') === 'AMAZON' ? { Owner: 'AMAZON' } : {},
    { abortSignal: options.signal },
  )) {
    throwIfAborted(options.signal, 'Bundle lookup');
    all.push(...(page.Bundles ?? []));
  }
  const matches = all.filter(
    b =>
      b.BundleId &&
      b.Name &&
      normalize(b.Name) === normalize(wanted) &&
      (!options.owner ||
        options.owner === 'AMAZON' ||
        b.Owner === options.owner),
  );
  if (matches.length === 0) {
    const near = closeMatches(
      wanted,
      all.map(b => b.Name ?? '').filter(Boolean),
    );
    throw new BundleNotFoundError(
      `No WorkSpaces bundle named "${wanted}" (owner ${
        options.owner ?? 'AMAZON'
      }, ${all.length} bundles searched). ${
        near.length
          ? `Close matches: ${near.map(n => `"${n}"`).join(', ')}`
          : 'No close matches.'
      }`,
      near,
    );
  }
  const rank = (b: WorkspaceBundle) =>
    (b.State === undefined || b.State === 'AVAILABLE' ? 0 : 2) +
    (options.computeType && b.ComputeType?.Name !== options.computeType
      ? 1
      : 0);
  const [best] = [...matches].sort((a, b) => rank(a) - rank(b));
  return {
    bundleId: best.BundleId!,
    name: best.Name!,
    computeType: best.ComputeType?.Name,
  };
}
