import type { GuardrailReportJson } from '@data-enclave/plugin-enclave-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { StatusKind, StatusLabel } from '../shared/StatusLabel';

/** Error when something fails; warning when only allowed (plan-mode) findings remain. */
function panelStatus(failing: number, allowed: number): StatusKind {
  if (failing > 0) return 'error';
  return allowed > 0 ? 'warning' : 'ok';
}

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
  // G12 "not configured" in plan mode: shown, labelled, not failing.
  const allowed = report.rules.flatMap(r => r.allowedFindings ?? []).length;
  const summary = `${
    failing.length === 0
      ? `Guardrails: all ${report.rules.length} passing`
      : `Guardrails: ${failing.length} of ${report.rules.length} failing`
  }${
    allowed
      ? `; ${allowed} finding${
          allowed === 1 ? '' : 's'
        } allowed in plan mode only`
      : ''
  }`;
  return (
    <Accordion
      defaultExpanded={failing.length > 0}
      data-testid="enclave-guardrails"
      variant="outlined"
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <StatusLabel status={panelStatus(failing.length, allowed)}>
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
                  <StatusLabel
                    status={panelStatus(
                      rule.passed ? 0 : 1,
                      rule.allowedFindings?.length ?? 0,
                    )}
                  >
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
                    {(rule.facts ?? []).map(fact => (
                      <span key={fact}>
                        <br />
                        In use: {fact}
                      </span>
                    ))}
                    {(rule.allowedFindings ?? []).map(f => (
                      <span key={`allowed:${f.address}:${f.message}`}>
                        <br />
                        <strong>Allowed ({f.allowedBecause}):</strong>{' '}
                        <code>{f.address}</code>: {f.message}
                        {f.fix && ` Fix: ${f.fix}`}
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
