import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import LockIcon from '@material-ui/icons/Lock';
import { useEffect } from 'react';

/** What the guardrails enforce, in the words a requester cares about. */
export const ENFORCED_GUARANTEES = [
  {
    title: 'No internet',
    detail:
      'No internet or NAT gateway, no public IPs; AWS services are reached only through VPC endpoints.',
  },
  {
    title: 'DNS firewall',
    detail:
      'Only AWS service domains and the directory resolve; every other lookup is blocked.',
  },
  {
    title: 'Encrypted storage',
    detail:
      'The data bucket, EMR disks and desktop volumes are encrypted with the environment’s own KMS key.',
  },
  {
    title: 'IP-restricted desktops',
    detail:
      'WorkSpaces accept connections only from the networks you listed, with no internet access.',
  },
] as const;

export const ENFORCED_SUMMARY = ENFORCED_GUARANTEES.map(g => g.title).join(
  ', ',
);

/**
 * Display-only: states what will be enforced before the person presses
 * Create, and stores a one-line summary so the review page repeats it.
 */
export function GuaranteesField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema } = props;
  useEffect(() => {
    if (formData !== ENFORCED_SUMMARY) onChange(ENFORCED_SUMMARY);
  }, [formData, onChange]);
  return (
    <div style={{ marginTop: 16 }} data-testid="enclave-guarantees">
      <Typography variant="subtitle1">
        {schema.title ?? 'Enforced guardrails'}
      </Typography>
      <List dense disablePadding>
        {ENFORCED_GUARANTEES.map(g => (
          <ListItem key={g.title} disableGutters>
            <ListItemIcon>
              <LockIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={g.title} secondary={g.detail} />
          </ListItem>
        ))}
      </List>
    </div>
  );
}
