import { TEST_APPROVED_BUNDLE } from './__testUtils__/approvedBundles';
import { parseDataEnclaveConfig } from './config';
import {
  approvedBundleSchema,
  describeLockdown,
  findApprovedBundle,
  unapprovedBundleMessage,
} from './sessionLockdown';

const withLockdown = (changes: Record<string, unknown>) => ({
  ...TEST_APPROVED_BUNDLE,
  lockDown: { ...TEST_APPROVED_BUNDLE.lockDown, ...changes },
});

describe('dataEnclave.workspaces.approvedBundles', () => {
  it('defaults to none, and parses a complete entry', () => {
    expect(parseDataEnclaveConfig({}).workspaces.approvedBundles).toEqual([]);
    const parsed = parseDataEnclaveConfig({
      workspaces: { approvedBundles: [TEST_APPROVED_BUNDLE] },
    });
    expect(parsed.workspaces.approvedBundles[0].name).toBe(
      'Standard with Ubuntu 22.04',
    );
  });

  it.each([
    [
      'clipboardOut',
      /lockDown\.clipboardOut\.blocked: an approved bundle must block clipboard out/,
    ],
    [
      'clipboardIn',
      /lockDown\.clipboardIn\.blocked: an approved bundle must block clipboard in/,
    ],
    [
      'fileTransfer',
      /lockDown\.fileTransfer\.blocked: an approved bundle must block file transfer/,
    ],
    [
      'printing',
      /lockDown\.printing\.blocked: an approved bundle must block printing/,
    ],
    [
      'usb',
      /lockDown\.usb\.blocked: an approved bundle must block USB redirection/,
    ],
  ])(
    'refuses an entry that leaves %s open, naming the key',
    (control, message) => {
      expect(() =>
        parseDataEnclaveConfig({
          workspaces: {
            approvedBundles: [
              withLockdown({
                [control]: { blocked: false, enforcedBy: 'none', how: 'open' },
              }),
            ],
          },
        }),
      ).toThrow(message);
    },
  );

  it('allows the webcam to be reported open, and refuses "blocked by none"', () => {
    expect(
      approvedBundleSchema.safeParse(
        withLockdown({
          webcam: {
            blocked: false,
            enforcedBy: 'none',
            how: 'not redirected by policy',
          },
        }),
      ).success,
    ).toBe(true);
    const blockedByNobody = approvedBundleSchema.safeParse(
      withLockdown({ usb: { blocked: true, enforcedBy: 'none', how: 'x' } }),
    );
    expect(blockedByNobody.success).toBe(false);
  });

  it('checks owner, ids and image against the botocore patterns', () => {
    for (const bad of [
      { owner: 'me' },
      { bundleIds: ['bundle-1'] },
      { imageId: 'ami-123' },
    ]) {
      expect(
        approvedBundleSchema.safeParse({ ...TEST_APPROVED_BUNDLE, ...bad })
          .success,
      ).toBe(false);
    }
  });

  it('matches names as AWS does and phrases refusals with the key', () => {
    expect(
      findApprovedBundle(
        [TEST_APPROVED_BUNDLE],
        ' STANDARD with ubuntu  22.04 ',
      ),
    ).toBe(TEST_APPROVED_BUNDLE);
    expect(
      findApprovedBundle([TEST_APPROVED_BUNDLE], 'Windows'),
    ).toBeUndefined();
    expect(unapprovedBundleMessage('X', [])).toMatch(
      /^session lock-down: not configured\. .*dataEnclave\.workspaces\.approvedBundles is empty/,
    );
    expect(describeLockdown(TEST_APPROVED_BUNDLE.lockDown)).toBe(
      'clipboardIn: blocked (image), clipboardOut: blocked (image), fileTransfer: blocked (image), printing: blocked (image), usb: blocked (image), webcam: blocked (image), watermark: none (none)',
    );
  });
});
