import type {
  FleetRunRecord,
  FleetStatusResponse,
} from '@data-enclave/plugin-enclave-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { FleetRolloutDialog } from './FleetRolloutDialog';
import { planReadiness, rolloutReadiness } from './fleetReadiness';
import { rolloutPreview } from './fleetRolloutPreview';

export interface FleetControlsProps {
  fleet: FleetStatusResponse;
  activeRun?: FleetRunRecord;
  /** A start request is on its way. */
  starting: boolean;
  onPlan: () => void;
  onRollout: (planRunId: string) => void;
}

/**
 * Plan first, then roll out what the plan found safe; a destructive plan is
 * held for its own upgrade template, never rolled out from here. The
 * rollout changes production environments, so it starts only from its
 * confirmation dialog.
 */
export function FleetControls(props: FleetControlsProps) {
  const { fleet, activeRun, starting, onPlan, onRollout } = props;
  const plan = planReadiness(fleet, activeRun);
  const rollout = rolloutReadiness(fleet, activeRun);
  const [confirming, setConfirming] = useState(false);
  // Both are disabled for the same reason while a run is active: say it once.
  const why = [...new Set([plan.reason, rollout.reason])]
    .filter(Boolean)
    .join(' ');
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <Button
        variant="contained"
        color="primary"
        disabled={starting || !plan.enabled}
        onClick={onPlan}
        data-testid="fleet-plan"
      >
        Plan upgrade for all behind
      </Button>
      <Button
        variant="contained"
        color="primary"
        disabled={starting || !rollout.enabled || !rollout.planRunId}
        onClick={() => setConfirming(true)}
        data-testid="fleet-rollout"
      >
        Roll out safe upgrades
      </Button>
      {rollout.planRunId && (
        <FleetRolloutDialog
          open={confirming}
          toVersion={fleet.latestPlan?.toVersion ?? fleet.targetVersion}
          counts={rollout}
          preview={rolloutPreview(fleet)}
          // A run started elsewhere while the dialog is open: say why.
          blocked={starting ? 'A start request is on its way.' : rollout.reason}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            if (rollout.planRunId) onRollout(rollout.planRunId);
          }}
        />
      )}
      {rollout.planRunId && (
        <Typography variant="body2" data-testid="fleet-rollout-counts">
          {rollout.safe} safe, {rollout.held} held for approval
          {rollout.excluded ? `, ${rollout.excluded} not rolled out` : ''}
        </Typography>
      )}
      {why && (
        <Typography variant="caption" color="textSecondary">
          {why}
        </Typography>
      )}
    </Box>
  );
}
