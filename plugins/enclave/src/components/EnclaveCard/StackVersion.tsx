import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  DAY2_TEMPLATES,
  isNewerStackVersion,
  templateUrl,
} from './day2Templates';

/**
 * The environment's stack version, and when the platform team has published a
 * newer one (`dataEnclave.stackVersion`), a link to the upgrade template with
 * this environment picked.
 */
export function StackVersion(props: { version: string; entityRef?: string }) {
  const latest = useApi(configApiRef).getOptionalString(
    'dataEnclave.stackVersion',
  );
  if (!latest || !isNewerStackVersion(latest, props.version)) {
    return <>{props.version}</>;
  }
  return (
    <span data-testid="enclave-upgrade-available">
      stack version {props.version}, latest {latest}:{' '}
      <Link
        to={templateUrl(
          DAY2_TEMPLATES.upgrade,
          props.entityRef ? { environment: props.entityRef } : {},
        )}
      >
        upgrade available
      </Link>
    </span>
  );
}
