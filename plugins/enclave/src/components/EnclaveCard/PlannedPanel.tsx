import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatPlanSummary } from './formatPlanSummary';

/**
 * Plan mode: say plainly that nothing exists in AWS yet, what the plan would
 * do, and how a platform team turns on apply.
 */
export function PlannedPanel(props: { environment: EnvironmentRecord }) {
  const { planSummary, stateReason } = props.environment;
  return (
    <Alert severity="info" data-testid="enclave-planned">
      <AlertTitle>Planned: nothing was applied</AlertTitle>
      {planSummary && (
        <Typography variant="body1" component="p" gutterBottom>
          <strong>{formatPlanSummary(planSummary)}</strong>
        </Typography>
      )}
      <Typography variant="body2" component="p">
        {/* The registry's reason already says how to enable apply; only the
            fallback needs the instructions spelled out. */}
        {stateReason ?? (
          <>
            Data Enclave runs in plan mode here: the stack was synthesized,
            checked against the guardrails and planned with terraform, but no
            AWS resources were created. To provision for real, a platform admin
            sets <code>dataEnclave.mode: apply</code>, configures{' '}
            <code>dataEnclave.accounts</code> and AWS credentials (
            <code>aws:</code>), and re-runs the template; see the README.
          </>
        )}
      </Typography>
    </Alert>
  );
}
