import type { DesktopBundleStatus } from '@data-enclave/plugin-enclave-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

export interface BundleLockdownCellProps {
  /** Live G12 verdict from the status API; absent without live status. */
  bundle?: DesktopBundleStatus;
  /** The bundle the environment asked for (spec), shown when there is no live verdict. */
  requestedName?: string;
}

const word = (blocked: boolean) => (blocked ? 'blocked' : 'ALLOWED');

/**
 * A desktop's bundle and its session lock-down (G12): approved or not, and
 * whether clipboard, file transfer and printing are blocked. Re-checked by
 * the backend on every status read, so a swapped bundle shows here.
 */
export function BundleLockdownCell(props: BundleLockdownCellProps) {
  const { bundle, requestedName } = props;
  if (!bundle) {
    return (
      <div data-testid="bundle-lockdown">
        <Typography variant="body2">{requestedName ?? 'unknown'}</Typography>
        <Typography variant="caption" color="textSecondary">
          lock-down not checked: no live status
        </Typography>
      </div>
    );
  }
  const lockDown = bundle.lockDown;
  return (
    <div data-testid="bundle-lockdown">
      <Typography variant="body2" component="span">
        {bundle.name ?? bundle.bundleId}
      </Typography>
      <Chip
        size="small"
        style={{ marginLeft: 8 }}
        color={bundle.approved ? 'default' : 'secondary'}
        label={bundle.approved ? 'approved' : 'NOT APPROVED'}
      />
      {bundle.problem && (
        <Typography variant="caption" color="error" component="div">
          {bundle.problem}
        </Typography>
      )}
      {lockDown && (
        <Typography variant="caption" component="div">
          {`clipboard: in ${word(lockDown.clipboardIn.blocked)}, out ${word(
            lockDown.clipboardOut.blocked,
          )} · file transfer: ${word(
            lockDown.fileTransfer.blocked,
          )} · printing: ${word(lockDown.printing.blocked)}`}
        </Typography>
      )}
    </div>
  );
}
