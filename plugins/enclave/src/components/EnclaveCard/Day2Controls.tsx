import { Link, LinkButton } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  enclaveEnvironmentManagePermission,
  type EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DAY2_TEMPLATES,
  isNewerStackVersion,
  runningOperation,
  taskUrl,
  templateUrl,
} from './day2Templates';

export interface Day2ControlsProps {
  environment: EnvironmentRecord;
  /** The environment's catalog entity ref, what the templates' EntityPicker holds. */
  entityRef: string;
}

/**
 * The card as control panel: each button opens its day-2 template with this
 * environment already picked. Shown only to people the permission policy lets
 * manage the environment (`enclave.environment.manage` on its registry id);
 * every action checks the same permission again when it runs. While a task
 * changes the environment the buttons are replaced by what is running and a
 * link to that task.
 */
export function Day2Controls(props: Day2ControlsProps) {
  const { environment, entityRef } = props;
  const latest = useApi(configApiRef).getOptionalString(
    'dataEnclave.stackVersion',
  );
  const { loading, allowed } = usePermission({
    permission: enclaveEnvironmentManagePermission,
    resourceRef: environment.id,
  });
  if (loading || environment.state === 'destroyed') return null;
  if (!allowed) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="enclave-controls-denied"
      >
        Only the owning team or a platform admin can change this environment.
      </Typography>
    );
  }

  const running = runningOperation(environment);
  if (running) {
    return (
      <Alert severity="info" data-testid="enclave-controls-busy">
        {running.label} is in progress
        {running.taskId ? (
          <>
            {' '}
            (<Link to={taskUrl(running.taskId)}>open its task</Link>)
          </>
        ) : null}
        ; the controls come back when it finishes.
      </Alert>
    );
  }

  const environmentField = { environment: entityRef };
  const upgradeTo =
    latest && isNewerStackVersion(latest, environment.stackVersion)
      ? latest
      : undefined;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 8 }}
      data-testid="enclave-controls"
    >
      <LinkButton
        variant="outlined"
        color="primary"
        to={templateUrl(DAY2_TEMPLATES.users, {
          ...environmentField,
          operation: 'add',
        })}
      >
        Add people
      </LinkButton>
      <LinkButton
        variant="outlined"
        to={templateUrl(DAY2_TEMPLATES.users, {
          ...environmentField,
          operation: 'remove',
        })}
      >
        Remove people
      </LinkButton>
      {upgradeTo && (
        <LinkButton
          variant="outlined"
          color="primary"
          to={templateUrl(DAY2_TEMPLATES.upgrade, environmentField)}
        >
          Upgrade to {upgradeTo}
        </LinkButton>
      )}
      <LinkButton
        variant="outlined"
        color="secondary"
        to={templateUrl(DAY2_TEMPLATES.decommission, environmentField)}
      >
        Decommission
      </LinkButton>
    </Box>
  );
}
