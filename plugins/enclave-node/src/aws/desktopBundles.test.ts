/*
 * G12 on every status read, against mocked AWS (aws-sdk-client-mock on the
 * WorkSpaces client). Responses follow botocore workspaces/2015-04-08:
 * DescribeWorkspaces returns `Workspace.BundleId`; DescribeWorkspaceBundles
 * takes ≤ 25 `BundleIds` and returns `Owner` (account id or AMAZON) and
 * `ImageId`; an id that no longer exists is simply absent from `Bundles`.
 */
import {
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspacesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import {
  DescribeDirectoriesCommand,
  DirectoryServiceClient,
} from '@aws-sdk/client-directory-service';
import { EMRClient } from '@aws-sdk/client-emr';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ApprovedBundle,
  approvedBundleSchema,
} from '@data-enclave/plugin-enclave-common';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { findBundleByName } from './bundles';
import { checkDesktopBundles, judgeBundle } from './desktopBundles';
import { getEnvironmentStatus } from './status';

// One mock per client class for the whole file (a second mockClient of the
// same class would replace the first).
const workspaces = mockClient(WorkSpacesClient);
const directoryService = mockClient(DirectoryServiceClient);
afterEach(() => {
  workspaces.reset();
  directoryService.reset();
});

const ACCOUNT = '111122223333';
const HARDENED: ApprovedBundle = approvedBundleSchema.parse({
  ...TEST_APPROVED_BUNDLE,
  name: 'enclave-ubuntu-22.04-hardened',
  owner: ACCOUNT,
  bundleIds: ['wsb-hardened1'],
  imageId: 'wsi-hardened01',
});
const hardenedBundle = {
  BundleId: 'wsb-hardened1',
  Name: 'enclave-ubuntu-22.04-hardened',
  Owner: ACCOUNT,
  ImageId: 'wsi-hardened01',
};

describe('judgeBundle', () => {
  it('approves name + owner + id + image, and carries the lock-down', () => {
    const verdict = judgeBundle(hardenedBundle, [HARDENED]);
    expect(verdict.approved).toBe(true);
    expect(verdict.lockDown?.clipboardOut.blocked).toBe(true);
  });

  it.each([
    [
      'another name',
      { ...hardenedBundle, Name: 'Standard with Ubuntu 22.04' },
      /"Standard with Ubuntu 22.04" is not in dataEnclave.workspaces.approvedBundles/,
    ],
    [
      'the same name in another account',
      { ...hardenedBundle, Owner: '999999999999' },
      /owned by 999999999999, but approvedBundles says 111122223333/,
    ],
    [
      'an id the entry does not list',
      { ...hardenedBundle, BundleId: 'wsb-lookalike' },
      /bundle id wsb-lookalike is not among the approved ids/,
    ],
    [
      'a rebuilt image',
      { ...hardenedBundle, ImageId: 'wsi-unhardened' },
      /built from image wsi-unhardened, not the hardened wsi-hardened01/,
    ],
  ])('refuses %s', (_what, bundle, problem) => {
    const verdict = judgeBundle(bundle, [HARDENED]);
    expect(verdict.approved).toBe(false);
    expect(verdict.problem).toMatch(problem);
    expect(verdict.lockDown).toBeUndefined();
  });
});

describe('checkDesktopBundles (mocked AWS)', () => {
  it('reads distinct ids in calls of at most 25, and reports vanished bundles', async () => {
    const ids = Array.from(
      { length: 30 },
      (_, i) => `wsb-${String(i).padStart(9, '0')}`,
    );
    workspaces.on(DescribeWorkspaceBundlesCommand).callsFake(input => ({
      Bundles: input.BundleIds.filter((id: string) => id !== ids[29]).map(
        (id: string) => ({ ...hardenedBundle, BundleId: id }),
      ),
    }));
    const verdicts = await checkDesktopBundles({
      client: new WorkSpacesClient({ region: 'eu-west-1' }),
      bundleIds: [...ids, ids[0], ids[1]],
      approvedBundles: [{ ...HARDENED, bundleIds: [] }],
    });
    const calls = workspaces.commandCalls(DescribeWorkspaceBundlesCommand);
    expect(calls.map(c => c.args[0].input.BundleIds!.length)).toEqual([25, 5]);
    expect(verdicts.size).toBe(30);
    expect(verdicts.get(ids[0])!.approved).toBe(true);
    expect(verdicts.get(ids[29])).toEqual({
      bundleId: ids[29],
      approved: false,
      problem: `bundle ${ids[29]} no longer exists, so its lock-down cannot be checked`,
    });
  });

  it('a failed read marks its bundles unchecked instead of failing', async () => {
    workspaces.on(DescribeWorkspaceBundlesCommand).rejects(
      Object.assign(new Error('User is not authorized'), {
        name: 'AccessDeniedException',
      }),
    );
    const verdicts = await checkDesktopBundles({
      client: new WorkSpacesClient({ region: 'eu-west-1' }),
      bundleIds: ['wsb-hardened1'],
      approvedBundles: [HARDENED],
    });
    expect(verdicts.get('wsb-hardened1')).toEqual({
      bundleId: 'wsb-hardened1',
      approved: false,
      problem:
        'bundle could not be checked: AccessDeniedException: User is not authorized',
    });
  });
});

describe('getEnvironmentStatus checks each desktop bundle on every read (mocked AWS)', () => {
  it('shows a desktop swapped onto another bundle as unapproved', async () => {
    let swapped = false;
    workspaces.on(DescribeWorkspacesCommand).callsFake(() => ({
      Workspaces: [
        {
          WorkspaceId: 'ws-ada000001',
          UserName: 'ada',
          State: 'AVAILABLE',
          BundleId: 'wsb-hardened1',
        },
        {
          WorkspaceId: 'ws-alan00001',
          UserName: 'alan',
          State: 'AVAILABLE',
          BundleId: swapped ? 'wsb-public001' : 'wsb-hardened1',
        },
      ],
    }));
    workspaces.on(DescribeWorkspaceBundlesCommand).callsFake(input => ({
      Bundles: input.BundleIds.map((id: string) =>
        id === 'wsb-public001'
          ? {
              BundleId: id,
              Name: 'Standard with Ubuntu 22.04',
              Owner: 'AMAZON',
              ImageId: 'wsi-public0001',
            }
          : hardenedBundle,
      ),
    }));
    directoryService
      .on(DescribeDirectoriesCommand)
      .resolves({ DirectoryDescriptions: [{ Stage: 'Active' }] });
    const read = () =>
      getEnvironmentStatus({
        region: 'eu-west-1',
        directoryId: 'd-1234567890',
        workspaceIds: ['ws-ada000001', 'ws-alan00001'],
        approvedBundles: [HARDENED],
        clients: {
          workspaces: new WorkSpacesClient({ region: 'eu-west-1' }),
          directoryService: new DirectoryServiceClient({ region: 'eu-west-1' }),
          emr: new EMRClient({ region: 'eu-west-1' }),
        },
      });

    const before = await read();
    expect(
      before.desktops.items.map(d => [d.userName, d.bundle?.approved]),
    ).toEqual([
      ['ada', true],
      ['alan', true],
    ]);
    // One DescribeWorkspaceBundles for the one distinct bundle id.
    expect(
      workspaces.commandCalls(DescribeWorkspaceBundlesCommand),
    ).toHaveLength(1);

    swapped = true;
    const after = await read();
    const alan = after.desktops.items.find(d => d.userName === 'alan')!;
    expect(alan.bundleId).toBe('wsb-public001');
    expect(alan.bundle).toEqual({
      bundleId: 'wsb-public001',
      name: 'Standard with Ubuntu 22.04',
      owner: 'AMAZON',
      imageId: 'wsi-public0001',
      approved: false,
      problem:
        'bundle "Standard with Ubuntu 22.04" is not in dataEnclave.workspaces.approvedBundles',
    });
  });
});

describe('findBundleByName for an approved custom bundle (mocked AWS)', () => {
  it("looks among the account's own bundles (no Owner) and ignores the same name elsewhere", async () => {
    workspaces.on(DescribeWorkspaceBundlesCommand).resolves({
      Bundles: [
        { ...hardenedBundle, BundleId: 'wsb-otheracct', Owner: '999999999999' },
        hardenedBundle,
      ],
    });
    const bundle = await findBundleByName({
      client: new WorkSpacesClient({ region: 'eu-west-1' }),
      name: HARDENED.name,
      owner: ACCOUNT,
    });
    expect(bundle.bundleId).toBe('wsb-hardened1');
    const [call] = workspaces.commandCalls(DescribeWorkspaceBundlesCommand);
    expect(call.args[0].input).toEqual({});
  });

  it('keeps asking for AMAZON bundles by default', async () => {
    workspaces.on(DescribeWorkspaceBundlesCommand).resolves({
      Bundles: [
        {
          BundleId: 'wsb-public001',
          Name: 'Standard with Ubuntu 22.04',
          Owner: 'AMAZON',
        },
      ],
    });
    await findBundleByName({
      client: new WorkSpacesClient({ region: 'eu-west-1' }),
      name: 'Standard with Ubuntu 22.04',
    });
    const [call] = workspaces.commandCalls(DescribeWorkspaceBundlesCommand);
    expect(call.args[0].input).toEqual({ Owner: 'AMAZON' });
  });
});
