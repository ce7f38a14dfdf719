import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { WorkspaceRow } from './joinWorkspaceRows';
import { BundleLockdownCell } from './BundleLockdownCell';

export interface WorkspacesTableProps {
  rows: WorkspaceRow[];
  /** Whether desktops (and so initial passwords) exist yet. */
  applied: boolean;
  registrationCode?: string;
  onReveal: (row: WorkspaceRow) => void;
}

/** One desktop per member; the signed-in person's own row is highlighted. */
export function WorkspacesTable(props: WorkspacesTableProps) {
  const { rows, applied, registrationCode, onReveal } = props;
  const theme = useTheme();
  const columns: TableColumn<WorkspaceRow>[] = [
    {
      title: 'User',
      field: 'entityRef',
      render: row => (
        <>
          <EntityRefLink entityRef={row.entityRef} defaultKind="user" />
          {row.isMe && (
            <Chip size="small" label="you" style={{ marginLeft: 8 }} />
          )}
        </>
      ),
    },
    { title: 'State', field: 'state' },
    {
      title: 'Bundle and lock-down',
      field: 'bundle',
      sorting: false,
      render: row => (
        <BundleLockdownCell
          bundle={row.bundle}
          requestedName={row.requestedBundleName}
        />
      ),
    },
    { title: 'Compute type', field: 'computeType' },
    { title: 'Running mode', field: 'runningMode' },
    {
      title: 'Last known',
      field: 'lastKnown',
      render: row =>
        `${new Date(row.lastKnown).toLocaleString()}${
          row.live ? '' : ' (recorded)'
        }`,
    },
    {
      title: '',
      field: 'username',
      sorting: false,
      render: row => {
        if (!row.isMe || !applied) return null;
        if (row.credentialDelivered) {
          return (
            <Typography variant="caption">Password already revealed</Typography>
          );
        }
        return (
          <Button
            size="small"
            variant="outlined"
            color="primary"
            onClick={() => onReveal(row)}
          >
            Reveal my initial password
          </Button>
        );
      },
    },
  ];
  return (
    <Table<WorkspaceRow>
      title="WorkSpaces"
      subtitle={
        registrationCode
          ? `Registration code for the WorkSpaces client: ${registrationCode}`
          : undefined
      }
      columns={columns}
      data={rows}
      options={{
        search: false,
        paging: false,
        padding: 'dense',
        toolbar: true,
        rowStyle: (row: WorkspaceRow) =>
          row.isMe ? { backgroundColor: theme.palette.action.selected } : {},
      }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No one has a desktop in this environment yet.
        </Typography>
      }
    />
  );
}
