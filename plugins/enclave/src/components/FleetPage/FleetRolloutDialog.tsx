import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import type { RolloutReadiness } from './fleetReadiness';
import type { RolloutPreview } from './fleetRolloutPreview';

export interface FleetRolloutDialogProps {
  open: boolean;
  toVersion: string;
  counts: Pick<RolloutReadiness, 'safe' | 'held' | 'excluded'>;
  preview: RolloutPreview;
  /** Why the rollout cannot start right now (the button is disabled). */
  blocked?: string;
  onCancel: () => void;
  onConfirm: () => void;
}

function environments(n: number): string {
  return `${n} environment${n === 1 ? '' : 's'}`;
}

/**
 * A rollout changes production environments: say what it will do, from the
 * last fleet plan, and start it only when the person confirms.
 */
export function FleetRolloutDialog(props: FleetRolloutDialogProps) {
  const { open, toVersion, counts, preview, blocked, onCancel, onConfirm } =
    props;
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      maxWidth="sm"
      fullWidth
      aria-labelledby="fleet-rollout-dialog-title"
      data-testid="fleet-rollout-dialog"
    >
      <DialogTitle id="fleet-rollout-dialog-title">
        Roll out stack version {toVersion}?
      </DialogTitle>
      <DialogContent>
        <Typography variant="body1" data-testid="fleet-rollout-dialog-upgraded">
          {environments(counts.safe)} will be upgraded to {toVersion}:
        </Typography>
        <ul>
          {preview.applied > 0 && (
            <li data-testid="fleet-rollout-dialog-applied">
              {preview.applied} applied in AWS (state ready): the upgrade will
              be applied in AWS.
            </li>
          )}
          {preview.planned > 0 && (
            <li data-testid="fleet-rollout-dialog-planned">
              {preview.planned} only planned: the record moves to {toVersion},
              nothing is applied in AWS.
            </li>
          )}
          {preview.changed > 0 && (
            <li data-testid="fleet-rollout-dialog-changed">
              {preview.changed} changed state since the plan: the rollout checks
              each again before it upgrades it.
            </li>
          )}
        </ul>
        <Typography
          variant="body2"
          paragraph
          data-testid="fleet-rollout-dialog-canary"
        >
          The first wave is the canary (dataEnclave.fleet.canarySize
          environments, applied ones first); the rest follow only if it
          succeeded. The rollout stops at the first failure. Each environment is
          planned again first: a plan that turned destructive since is held, not
          applied.
        </Typography>
        {counts.held > 0 && (
          <Typography
            variant="body2"
            paragraph
            data-testid="fleet-rollout-dialog-held"
          >
            {environments(counts.held)} with a destructive plan{' '}
            {counts.held === 1 ? 'is' : 'are'} held for per-environment
            approval: use "Review and upgrade this one" in the table.
          </Typography>
        )}
        {counts.excluded > 0 && (
          <Typography
            variant="body2"
            paragraph
            data-testid="fleet-rollout-dialog-excluded"
          >
            {environments(counts.excluded)} refused, failed or skipped at plan
            time {counts.excluded === 1 ? 'is' : 'are'} not rolled out.
          </Typography>
        )}
        {blocked && (
          <Typography
            variant="body2"
            color="error"
            data-testid="fleet-rollout-dialog-blocked"
          >
            {blocked}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} data-testid="fleet-rollout-cancel">
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!!blocked}
          onClick={onConfirm}
          data-testid="fleet-rollout-confirm"
        >
          Roll out
        </Button>
      </DialogActions>
    </Dialog>
  );
}
