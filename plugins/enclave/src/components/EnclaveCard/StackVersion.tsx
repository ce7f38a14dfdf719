import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** Template a team runs to move an environment to the platform's latest stack. */
export const UPGRADE_TEMPLATE_PATH =
  '/create/templates/default/data-science-environment-upgrade';

/**
 * The environment's stack version, and when the platform team has published a
 * newer one (`dataEnclave.stackVersion`), a link to the upgrade template.
 */
export function StackVersion(props: { version: string }) {
  const latest = useApi(configApiRef).getOptionalString(
    'dataEnclave.stackVersion',
  );
  if (!latest || latest === props.version) return <>{props.version}</>;
  return (
    <span data-testid="enclave-upgrade-available">
      stack version {props.version}, latest {latest}:{' '}
      <Link to={UPGRADE_TEMPLATE_PATH}>upgrade available</Link>
    </span>
  );
}
