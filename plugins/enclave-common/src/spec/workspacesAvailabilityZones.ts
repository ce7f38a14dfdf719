/*
 * Availability Zone IDs where Amazon WorkSpaces Personal can place WorkSpaces,
 * per region.
 *
 * Source: AWS WorkSpaces Administration Guide, "Availability Zones for
 * WorkSpaces Personal"
 * (https://docs.aws.amazon.com/workspaces/latest/adminguide/azs-workspaces.html).
 *
 * Why a table and not `data "aws_availability_zones"`: the stack must plan with
 * no AWS credentials (plan mode), so nothing may be looked up at plan time.
 * AZ *IDs* (not names) are used because names are shuffled per account while
 * IDs are the same physical zone everywhere, and WorkSpaces support is per ID.
 *
 * Only regions that the stack has been reviewed for are listed; adding a
 * region here is the one change needed to offer it.
 */
export const WORKSPACES_AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az2', 'use1-az4', 'use1-az6'],
  'us-west-2': ['usw2-az1', 'usw2-az2', 'usw2-az3'],
  'ap-south-1': ['aps1-az1', 'aps1-az2', 'aps1-az3'],
  'ap-northeast-2': ['apne2-az1', 'apne2-az3'],
  'ap-southeast-1': ['apse1-az1', 'apse1-az2'],
  'ap-southeast-2': ['apse2-az1', 'apse2-az3'],
  'ap-northeast-1': ['apne1-az1', 'apne1-az4'],
  'ca-central-1': ['cac1-az1', 'cac1-az2'],
  'eu-central-1': ['euc1-az2', 'euc1-az3'],
  'eu-west-1': ['euw1-az1', 'euw1-az2', 'euw1-az3'],
  'eu-west-2': ['euw2-az2', 'euw2-az3'],
  'sa-east-1': ['sae1-az1', 'sae1-az3'],
};

/** Regions with a reviewed WorkSpaces AZ table, sorted. */
export const WORKSPACES_REGIONS: readonly string[] =
  Object.keys(WORKSPACES_AZ_IDS).sort();

/**
 * The two AZ IDs the environment's subnets go into: the first two listed for
 * the region (stable, so re-synthesizing never moves a subnet).
 */
/** Own keys only: `in` would also accept `valueOf`, `toString`... as regions. */
export function isWorkspacesRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(WORKSPACES_AZ_IDS, region);
}

export function workspacesAzIdsFor(region: string): [string, string] {
  const ids = isWorkspacesRegion(region)
    ? WORKSPACES_AZ_IDS[region]
    : undefined;
  if (!ids || ids.length < 2) {
    throw new Error(
      `region '${region}' has no WorkSpaces Availability Zone table; supported: ${WORKSPACES_REGIONS.join(
        ', ',
      )}`,
    );
  }
  return [ids[0], ids[1]];
}
