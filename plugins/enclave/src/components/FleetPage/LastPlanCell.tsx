import { Link } from '@backstage/core-components';
import {
  environmentEntityRef,
  type FleetEnvironmentStatus,
  type FleetPlanStatus,
} from '@data-enclave/plugin-enclave-common';
import Typography from '@material-ui/core/Typography';
import { DAY2_TEMPLATES, templateUrl } from '../EnclaveCard/day2Templates';
import {
  formatPlanCounts,
  formatPlanSummary,
} from '../EnclaveCard/formatPlanSummary';
import { StatusKind, StatusLabel } from '../shared/StatusLabel';

const STATUS: Record<FleetPlanStatus, StatusKind> = {
  safe: 'ok',
  destructive: 'warning',
  refused: 'error',
  failed: 'error',
  skipped: 'aborted',
};

/**
 * The environment's last fleet plan: its verdict and `+add ~change -destroy`.
 * A destructive plan lists what it destroys or replaces (Terraform counts a
 * replacement as one destroy and one add) and links to the upgrade template,
 * which plans again and asks for approval of exactly that diff.
 */
export function LastPlanCell(props: { row: FleetEnvironmentStatus }) {
  const { row } = props;
  const plan = row.lastPlan;
  const testId = `fleet-last-plan-${row.name}`;
  if (!plan) {
    return (
      <span data-testid={testId}>
        {row.behind ? 'not planned' : 'up to date'}
      </span>
    );
  }
  const summary = plan.planSummary;
  const destroyed = summary?.addresses?.destroy ?? [];
  return (
    <div data-testid={testId}>
      {/* One line: the counts are read together, never wrapped apart. */}
      <span style={{ whiteSpace: 'nowrap' }}>
        <StatusLabel status={STATUS[plan.status] ?? 'pending'}>
          {plan.status} ({plan.toVersion})
          {summary && (
            <span title={formatPlanSummary(summary)}>
              {' '}
              {formatPlanCounts(summary)}
            </span>
          )}
        </StatusLabel>
      </span>
      {(plan.reason || plan.error) && (
        <Typography variant="caption" component="div" color="textSecondary">
          {plan.error ?? plan.reason}
        </Typography>
      )}
      {plan.status === 'destructive' && (
        <>
          {destroyed.length > 0 && (
            <details data-testid={`fleet-destroyed-${row.name}`}>
              <summary>{destroyed.length} destroyed or replaced</summary>
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {destroyed.map(address => (
                  <li key={address}>
                    <code>{address}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <Link
            to={templateUrl(DAY2_TEMPLATES.upgrade, {
              environment: environmentEntityRef(row),
            })}
          >
            Review and upgrade this one
          </Link>
        </>
      )}
    </div>
  );
}
