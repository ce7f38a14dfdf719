/*
 * G12 after the fact: is each desktop still on a bundle the platform
 * approved? Read on every status read, so a desktop rebuilt or migrated onto
 * another bundle (MigrateWorkspace, a console change) shows up on the card.
 *
 * AWS facts relied on (botocore workspaces/2015-04-08/service-2.json):
 *  - `Workspace.BundleId` names the bundle a desktop was created from;
 *  - DescribeWorkspaceBundles takes `BundleIds` (BundleIdList: 1–25 ids, and
 *    "You cannot combine this parameter with any other filter");
 *  - `WorkspaceBundle.Owner` is "the account identifier of the owner, or
 *    AMAZON if the bundle is provided by Amazon Web Services", and
 *    `WorkspaceBundle.ImageId` is "the identifier of the image that was used
 *    to create the bundle".
 * A bundle is approved when its name matches an approvedBundles entry and its
 * owner, id (when the entry lists ids) and image (when the entry names one)
 * agree with that entry: a look-alike name in another account is not enough.
 */
import {
  DescribeWorkspaceBundlesCommand,
  WorkSpacesClient,
  WorkspaceBundle,
  paginateDescribeWorkspaceBundles,
} from '@aws-sdk/client-workspaces';
import {
  ApprovedBundle,
  SessionLockdown,
  findApprovedBundle,
} from '@data-enclave/plugin-enclave-common';
import pLimit from 'p-limit';
import { describeError } from './awsErrors';
import { chunk } from './batches';

/** BundleIdList's maximum (botocore: max 25). */
export const BUNDLE_IDS_PER_CALL = 25;

export interface DesktopBundleVerdict {
  bundleId: string;
  /** As AWS reports it; absent when the bundle could not be read. */
  name?: string;
  owner?: string;
  imageId?: string;
  approved: boolean;
  /** Why it is not approved, or why it could not be checked. */
  problem?: string;
  /** The approved entry's lock-down (present only when approved). */
  lockDown?: SessionLockdown;
}

/** Judges one bundle as AWS describes it against the approved list. */
export function judgeBundle(
  bundle: WorkspaceBundle,
  approved: readonly ApprovedBundle[],
): DesktopBundleVerdict {
  const base = {
    bundleId: bundle.BundleId!,
    ...(bundle.Name ? { name: bundle.Name } : {}),
    ...(bundle.Owner ? { owner: bundle.Owner } : {}),
    ...(bundle.ImageId ? { imageId: bundle.ImageId } : {}),
  };
  const refuse = (problem: string) => ({
    ...base,
    approved: false,
    problem,
  });
  const entry = bundle.Name
    ? findApprovedBundle(approved, bundle.Name)
    : undefined;
  if (!entry) {
    return refuse(
      `bundle "${
        bundle.Name ?? bundle.BundleId
      }" is not in dataEnclave.workspaces.approvedBundles`,
    );
  }
  if (bundle.Owner !== entry.owner) {
    return refuse(
      `bundle "${entry.name}" is owned by ${
        bundle.Owner ?? 'an unknown owner'
      }, but approvedBundles says ${entry.owner}`,
    );
  }
  if (entry.bundleIds.length > 0 && !entry.bundleIds.includes(base.bundleId)) {
    return refuse(
      `bundle id ${base.bundleId} is not among the approved ids of "${
        entry.name
      }" (${entry.bundleIds.join(', ')})`,
    );
  }
  if (entry.imageId && bundle.ImageId !== entry.imageId) {
    return refuse(
      `bundle "${entry.name}" is built from image ${
        bundle.ImageId ?? '(unknown)'
      }, not the hardened ${entry.imageId}`,
    );
  }
  return { ...base, approved: true, lockDown: entry.lockDown };
}

export interface CheckDesktopBundlesOptions {
  client: WorkSpacesClient;
  bundleIds: readonly string[];
  approvedBundles: readonly ApprovedBundle[];
  signal?: AbortSignal;
}

/**
 * One verdict per distinct bundle id, read in calls of ≤ 25 ids. A failed
 * read gives that batch's verdicts a problem instead of failing the status.
 */
export async function checkDesktopBundles(
  options: CheckDesktopBundlesOptions,
): Promise<Map<string, DesktopBundleVerdict>> {
  const verdicts = new Map<string, DesktopBundleVerdict>();
  const ids = [...new Set(options.bundleIds)];
  const limit = pLimit(2);
  await Promise.all(
    chunk(ids, BUNDLE_IDS_PER_CALL).map(batch =>
      limit(async () => {
        try {
          const out = await options.client.send(
            new DescribeWorkspaceBundlesCommand({ BundleIds: batch }),
            { abortSignal: options.signal },
          );
          for (const bundle of out.Bundles ?? []) {
            if (bundle.BundleId)
              verdicts.set(
                bundle.BundleId,
                judgeBundle(bundle, options.approvedBundles),
              );
          }
          for (const id of batch) {
            if (!verdicts.has(id))
              verdicts.set(id, {
                bundleId: id,
                approved: false,
                problem: `bundle ${id} no longer exists, so its lock-down cannot be checked`,
              });
          }
        } catch (error) {
          for (const id of batch)
            verdicts.set(id, {
              bundleId: id,
              approved: false,
              problem: `bundle could not be checked: ${describeError(error)}`,
            });
        }
      }),
    ),
  );
  return verdicts;
}

export interface ApprovedBundleCheck {
  /** The approvedBundles entry's name. */
  entry: string;
  /** One verdict per bundle found for the entry; empty when none was found. */
  verdicts: DesktopBundleVerdict[];
  /** Set when the entry matches no bundle in the region. */
  problem?: string;
}

/**
 * The platform's own check of its list (the `enclave bundles` CLI): each
 * approvedBundles entry is looked up in the region (by its ids when it lists
 * them, else among the owner's bundles: DescribeWorkspaceBundles with
 * `Owner: AMAZON` for public bundles, no Owner for the account's own, per the
 * botocore documentation of `Owner`) and judged like a desktop's bundle.
 */
export async function checkApprovedBundles(options: {
  client: WorkSpacesClient;
  approvedBundles: readonly ApprovedBundle[];
  signal?: AbortSignal;
}): Promise<ApprovedBundleCheck[]> {
  const { client, approvedBundles, signal } = options;
  const results: ApprovedBundleCheck[] = [];
  for (const entry of approvedBundles) {
    let bundles: WorkspaceBundle[] = [];
    if (entry.bundleIds.length > 0) {
      for (const batch of chunk(entry.bundleIds, BUNDLE_IDS_PER_CALL)) {
        const out = await client.send(
          new DescribeWorkspaceBundlesCommand({ BundleIds: batch }),
          { abortSignal: signal },
        );
        bundles.push(...(out.Bundles ?? []));
      }
    } else {
      for await (const page of paginateDescribeWorkspaceBundles(
        { client },
        entry.owner === 'AMAZON' ? { Owner: 'AMAZON' } : {},
        { abortSignal: signal },
      )) {
        bundles.push(...(page.Bundles ?? []));
      }
      bundles = bundles.filter(
        b => b.Name && findApprovedBundle([entry], b.Name),
      );
    }
    const verdicts = bundles
      .filter(b => b.BundleId)
      .map(b => judgeBundle(b, [entry]));
    results.push({
      entry: entry.name,
      verdicts,
      ...(verdicts.length === 0
        ? {
            problem: `no bundle ${
              entry.bundleIds.length
                ? `with id ${entry.bundleIds.join(', ')}`
                : `named "${entry.name}" owned by ${entry.owner}`
            } in this region`,
          }
        : {}),
    });
  }
  return results;
}
