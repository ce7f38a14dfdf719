/*
 * A test fixture, not a hardened bundle: it names the public Ubuntu bundle the
 * fake AWS serves (owner AMAZON) so apply-mode tests can pass G12's door check.
 * Real configurations list the platform's own custom bundle (docs/session-lockdown.md).
 */
import type { ApprovedBundle } from '../sessionLockdown';

const viaImage = (how: string) => ({
  blocked: true,
  enforcedBy: 'image' as const,
  how,
});

export const TEST_APPROVED_BUNDLE: ApprovedBundle = {
  name: 'Standard with Ubuntu 22.04',
  owner: 'AMAZON',
  bundleIds: [],
  platform: 'ubuntu',
  lockDown: {
    clipboardIn: viaImage('test fixture: default.perm denies clipboard-paste'),
    clipboardOut: viaImage('test fixture: default.perm denies clipboard-copy'),
    fileTransfer: viaImage(
      'test fixture: default.perm denies file-upload file-download',
    ),
    printing: viaImage('test fixture: default.perm denies printer'),
    usb: viaImage('test fixture: default.perm denies usb'),
    webcam: viaImage('test fixture: default.perm denies webcam'),
    watermark: {
      shown: false,
      enforcedBy: 'none',
      how: 'not offered for WorkSpaces Personal',
    },
  },
};
