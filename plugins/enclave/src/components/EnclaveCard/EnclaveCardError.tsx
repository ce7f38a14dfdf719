import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { httpStatusOf } from '../../hooks/httpStatusOf';

/**
 * Tells apart "you may not see this" (ask the owners), "it is gone", and
 * "the service is down" (try again), because each needs a different action.
 */
export function EnclaveCardError(props: {
  error: Error;
  owner?: string;
  onRetry: () => void;
}) {
  const { error, owner, onRetry } = props;
  const status = httpStatusOf(error);
  if (status === 403) {
    return (
      <EmptyState
        missing="info"
        title="You don't have access to this environment; ask its owners"
        description={
          owner
            ? `Members of ${owner} can see it and add you.`
            : 'Its owning team can see it and add you.'
        }
      />
    );
  }
  if (status === 404) {
    return (
      <EmptyState
        missing="data"
        title="This environment is not in the Data Enclave registry"
        description="It may have been removed or not finished registering. If it was just created, wait for the task to finish."
      />
    );
  }
  return (
    <>
      <EmptyState
        missing="content"
        title="The Data Enclave service is not responding"
        description="The environment's status cannot be loaded right now. Try again in a minute; if it keeps failing, tell the platform team."
        action={
          <Button variant="contained" color="primary" onClick={onRetry}>
            Retry
          </Button>
        }
      />
      <ResponseErrorPanel error={error} defaultExpanded={false} />
    </>
  );
}
