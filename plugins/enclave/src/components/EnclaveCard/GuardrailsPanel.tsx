import type { GuardrailReportJson } from '@data-enclave/plugin-enclave-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { StatusLabel } from '../shared/StatusLabel';

/**
 * Every exfiltration rule with pass/fail. Collapsed when all pass (nothing to
 * act on), open when any fails so the finding and its fix are visible.
 */
export function GuardrailsPanel(props: { report?: GuardrailReportJson }) {
  const { report } = props;
  if (!report) {
    return (
      <Typography variant="body2" data-testid="enclave-guardrails">
        Guardrails have not been checked yet.
      </Typography>
    );
  }
  const failing = report.rules.filter(r => !r.passed);
  const summary =
    failing.length === 0
      ? `Guardrails: all ${report.rules.length} passing`
      : `Guardrails: ${failing.length} of ${report.rules.length} failing`;
  return (
    <Accordion
      defaultExpanded={failing.length > 0}
      data-testid="enclave-guardrails"
      variant="outlined"
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <StatusLabel status={failing.length === 0 ? 'ok' : 'error'}>
          {summary}
        </StatusLabel>
        {report.source && (
          <Typography variant="caption" style={{ marginLeft: 8 }}>
            (checked on the{' '}
            {report.source === 'plan' ? 'plan' : 'synthesized stack'})
          </Typography>
        )}
      </AccordionSummary>
      <AccordionDetails>
        <List dense disablePadding style={{ width: '100%' }}>
          {report.rules.map(rule => (
            <ListItem key={rule.id} disableGutters>
              <ListItemText
                primary={
                  <StatusLabel status={rule.passed ? 'ok' : 'error'}>
                    {rule.id} {rule.title}
                  </StatusLabel>
                }
                secondary={
                  <>
                    {rule.rationale}
                    {rule.relaxations.map(r => (
                      <span key={r}>
                        <br />
                        Relaxed by platform config: {r}
                      </span>
                    ))}
                    {rule.findings.map(f => (
                      <span key={`${f.address}:${f.message}`}>
                        <br />
                        <code>{f.address}</code>: {f.message}
                        {f.fix && ` Fix: ${f.fix}`}
                      </span>
                    ))}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      </AccordionDetails>
    </Accordion>
  );
}
