import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * The backend answered 403: the signed-in person is not in
 * `dataEnclave.adminGroup` (or a permission policy denies
 * `enclave.fleet.manage`). Say so instead of showing an error stack.
 */
export function FleetForbidden(props: { reason?: string }) {
  return (
    <Alert severity="warning" data-testid="fleet-forbidden">
      <AlertTitle>
        Only members of the enclave admin group can see the fleet
      </AlertTitle>
      {props.reason ??
        'Ask your platform team to add you to the group set as dataEnclave.adminGroup.'}{' '}
      Your own environments are on the Data Enclave page and their entity pages.
    </Alert>
  );
}

/** The message the backend gave with a ResponseError, if any. */
export function backendReason(error: unknown): string | undefined {
  const message = (error as { body?: { error?: { message?: unknown } } })?.body
    ?.error?.message;
  return typeof message === 'string' ? message : undefined;
}
