import {
  Content,
  EmptyState,
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  environmentEntityName,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import Button from '@material-ui/core/Button';
import { useEnvironments } from '../../hooks/useEnvironments';
import { EnvironmentStateChip } from '../EnclaveCard/EnvironmentStateChip';
import { formatPlanSummary } from '../EnclaveCard/formatPlanSummary';

const columns: TableColumn<EnvironmentRecord>[] = [
  {
    title: 'Environment',
    field: 'name',
    render: env => (
      <EntityRefLink
        entityRef={{
          kind: 'resource',
          namespace: 'default',
          name: environmentEntityName(env.team, env.name),
        }}
        title={env.name}
      />
    ),
  },
  {
    title: 'Team',
    field: 'team',
    render: env => <EntityRefLink entityRef={env.team} defaultKind="group" />,
  },
  { title: 'Region', field: 'region' },
  {
    title: 'State',
    field: 'state',
    render: env => <EnvironmentStateChip state={env.state} />,
  },
  {
    title: 'Plan',
    render: env => (env.planSummary ? formatPlanSummary(env.planSummary) : ''),
  },
  { title: 'People', render: env => env.members.length },
  {
    title: 'Updated',
    field: 'updatedAt',
    defaultSort: 'desc',
    render: env => new Date(env.updatedAt).toLocaleString(),
  },
];

/** Every environment the signed-in person may see, newest change first. */
export function EnvironmentsPage() {
  const { loading, error, value, retry } = useEnvironments();
  return (
    <Content>
      {error ? (
        <>
          <ResponseErrorPanel error={error} />
          <Button onClick={retry}>Retry</Button>
        </>
      ) : (
        <Table<EnvironmentRecord>
          title="Data science environments"
          isLoading={loading}
          columns={columns}
          data={value ?? []}
          options={{ paging: false, search: true }}
          emptyContent={
            <EmptyState
              missing="data"
              title="No environments yet"
              description="Environments your teams own appear here once created."
              action={
                <Link to="/create/templates/default/data-science-environment">
                  Create a secure data science environment
                </Link>
              }
            />
          }
        />
      )}
    </Content>
  );
}
