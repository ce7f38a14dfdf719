import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  environmentEntityName,
  type FleetEnvironmentStatus,
  type FleetRunRecord,
} from '@data-enclave/plugin-enclave-common';
import { EnvironmentStateChip } from '../EnclaveCard/EnvironmentStateChip';
import { StatusLabel } from '../shared/StatusLabel';
import { LastPlanCell } from './LastPlanCell';

function guardrailsCell(row: FleetEnvironmentStatus) {
  const passed = row.lastPlan?.guardrails?.passed ?? row.guardrailsPassed;
  if (passed === undefined) return '';
  return (
    <StatusLabel status={passed ? 'ok' : 'error'}>
      {passed ? 'passed' : 'failed'}
    </StatusLabel>
  );
}

function progressCell(row: FleetEnvironmentStatus, run?: FleetRunRecord) {
  const progress = run?.progress[row.environmentId];
  if (progress) {
    return (
      // The message can be a paragraph (plan mode's reason): on hover only.
      <span data-testid={`fleet-progress-${row.name}`} title={progress.message}>
        {progress.step}: {progress.phase}
      </span>
    );
  }
  return row.busy ? `busy: ${row.busy.kind}` : '';
}

function columns(run?: FleetRunRecord): TableColumn<FleetEnvironmentStatus>[] {
  return [
    {
      title: 'Environment',
      field: 'name',
      render: row => (
        <EntityRefLink
          entityRef={{
            kind: 'resource',
            namespace: 'default',
            name: environmentEntityName(row.team, row.name),
          }}
          title={row.name}
          data-testid={`fleet-row-${row.name}`}
        />
      ),
    },
    {
      title: 'Team',
      field: 'team',
      render: row => <EntityRefLink entityRef={row.team} defaultKind="group" />,
    },
    { title: 'Region', field: 'region' },
    {
      title: 'State',
      field: 'state',
      render: row => <EnvironmentStateChip state={row.state} />,
    },
    {
      title: 'Version',
      field: 'stackVersion',
      render: row => (
        <span data-testid={`fleet-version-${row.name}`}>
          {row.stackVersion} {row.behind ? '(behind)' : '(current)'}
        </span>
      ),
    },
    { title: 'Last fleet plan', render: row => <LastPlanCell row={row} /> },
    { title: 'Guardrails', render: guardrailsCell },
    { title: 'Progress', render: row => progressCell(row, run) },
  ];
}

/** One row per environment, in the order GET /fleet gives them. */
export function FleetTable(props: {
  environments: FleetEnvironmentStatus[];
  run?: FleetRunRecord;
}) {
  return (
    <Table<FleetEnvironmentStatus>
      title="Environments"
      columns={columns(props.run)}
      data={props.environments}
      options={{ paging: false, search: true, padding: 'dense' }}
    />
  );
}
