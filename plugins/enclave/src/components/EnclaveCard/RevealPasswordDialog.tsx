import { CopyTextButton, ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useRevealInitialCredential } from '../../hooks/useRevealInitialCredential';

export interface RevealPasswordDialogProps {
  open: boolean;
  environmentId: string;
  username: string;
  registrationCode?: string;
  onClose: (revealed: boolean) => void;
}

/**
 * Two steps on purpose: the dialog explains that the password is shown only
 * once, and the reveal happens only when the person confirms.
 */
export function RevealPasswordDialog(props: RevealPasswordDialogProps) {
  const { open, environmentId, username, registrationCode, onClose } = props;
  const [{ loading, error, value }, reveal] = useRevealInitialCredential(
    environmentId,
    username,
  );
  return (
    <Dialog
      open={open}
      onClose={() => onClose(!!value)}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle>Your initial WorkSpaces password</DialogTitle>
      <DialogContent>
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          This password is shown <strong>once</strong>. Copy it into your
          password manager now: closing this dialog hides it for good. You will
          be asked to change it at your first sign-in.
        </Alert>
        {loading && <LinearProgress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Typography variant="body2">
              User name: <code>{value.username}</code>
            </Typography>
            <Typography variant="body2" component="div">
              Password:{' '}
              <code data-testid="enclave-initial-password">
                {value.password}
              </code>
              <CopyTextButton
                text={value.password}
                tooltipText="Password copied"
                aria-label="Copy password"
              />
            </Typography>
            {registrationCode && (
              <Typography variant="body2">
                Registration code for the WorkSpaces client:{' '}
                <code>{registrationCode}</code>
              </Typography>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {!value && (
          <Button
            color="primary"
            variant="contained"
            disabled={loading}
            onClick={reveal}
          >
            Reveal now
          </Button>
        )}
        <Button onClick={() => onClose(!!value)}>
          {value ? 'I have saved it' : 'Cancel'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
