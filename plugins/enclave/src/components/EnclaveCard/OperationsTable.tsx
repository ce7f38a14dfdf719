import { Table, TableColumn } from '@backstage/core-components';
import type { OperationRecord } from '@data-enclave/plugin-enclave-common';
import { StatusLabel } from '../shared/StatusLabel';

const RECENT = 10;

function Result(props: { operation: OperationRecord }) {
  const { result, error } = props.operation;
  if (result === 'succeeded') {
    return <StatusLabel status="ok">succeeded</StatusLabel>;
  }
  if (result === 'running') {
    return <StatusLabel status="running">running</StatusLabel>;
  }
  return (
    <StatusLabel status="error">
      {error ? `failed: ${error}` : 'failed'}
    </StatusLabel>
  );
}

/** The audit trail: who did what to the environment, newest first. */
export function OperationsTable(props: { operations: OperationRecord[] }) {
  const rows = [...props.operations]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, RECENT);
  const columns: TableColumn<OperationRecord>[] = [
    { title: 'Operation', field: 'kind' },
    { title: 'By', field: 'initiator' },
    {
      title: 'Started',
      field: 'startedAt',
      render: op => new Date(op.startedAt).toLocaleString(),
    },
    {
      title: 'Result',
      field: 'result',
      render: op => <Result operation={op} />,
    },
  ];
  return (
    <Table<OperationRecord>
      title="Recent operations"
      columns={columns}
      data={rows}
      options={{ search: false, paging: false, padding: 'dense' }}
    />
  );
}
