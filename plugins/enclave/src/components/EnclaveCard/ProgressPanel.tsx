import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/** Phase and progress while a task is changing the environment. */
export function ProgressPanel(props: { environment: EnvironmentRecord }) {
  const { phase, progress } = props.environment;
  const percent =
    progress && progress.total > 0
      ? Math.round((progress.done / progress.total) * 100)
      : undefined;
  return (
    <div data-testid="enclave-progress">
      <Typography variant="body2" gutterBottom>
        {phase ?? 'Starting'}
        {progress && ` (${progress.done} of ${progress.total})`}
      </Typography>
      <LinearProgress
        variant={percent === undefined ? 'indeterminate' : 'determinate'}
        value={percent}
        aria-label="Provisioning progress"
      />
    </div>
  );
}
