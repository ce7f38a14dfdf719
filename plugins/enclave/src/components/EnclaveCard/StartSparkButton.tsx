import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  enclaveEnvironmentManagePermission,
  type EnvironmentLiveStatus,
  type EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enclaveApiRef } from '../../api';

export interface StartSparkButtonProps {
  environment: EnvironmentRecord;
  status?: EnvironmentLiveStatus;
  /** Called after EMR accepted the start, so the card re-reads status. */
  onStarted: () => void;
}

/**
 * The on-demand Spark cluster (issue 14: EMR is launched outside Terraform
 * and idles out on its own). Offered to people who may manage the
 * environment, only while no cluster exists: EMR's NONE (none running) or a
 * TERMINATED* state. The backend checks the same permission and state again.
 */
export function StartSparkButton(props: StartSparkButtonProps) {
  const { environment, status, onStarted } = props;
  const api = useApi(enclaveApiRef);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const [started, setStarted] = useState<string>();
  const { loading, allowed } = usePermission({
    permission: enclaveEnvironmentManagePermission,
    resourceRef: environment.id,
  });
  const clusterState = status?.emr?.state;
  const noCluster =
    clusterState === 'NONE' || Boolean(clusterState?.startsWith('TERMINATED'));
  if (loading || !allowed || environment.state !== 'ready' || !noCluster) {
    return null;
  }

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const result = await api.startSpark(environment.id);
      setStarted(
        result.started
          ? `Spark cluster ${result.clusterId ?? ''} is starting`
          : `Spark cluster ${result.clusterId ?? ''} is already ${
              result.state
            }`,
      );
      onStarted();
    } catch (e) {
      // A ResponseError carries the backend's explanation (what to do next) in `cause`.
      const err = e as Error & { cause?: { message?: string } };
      setError(err.cause?.message ?? err.message);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        color="primary"
        disabled={starting}
        onClick={start}
        data-testid="enclave-start-spark"
      >
        {starting ? 'Starting Spark…' : 'Start Spark cluster'}
      </Button>
      {started && <Alert severity="success">{started}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
    </Box>
  );
}
