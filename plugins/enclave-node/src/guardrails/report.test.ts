import small from './__fixtures__/small.cdk.tf.json';
import {
  assertGuardrails,
  checkGuardrails,
  GuardrailViolationError,
} from './checkGuardrails';
import { formatReportText, reportToJson } from './report';
import { GUARDRAIL_RULE_IDS } from './types';

/** The small fixture is a fragment, so several rules fail on it: good material for reports. */
describe('guardrail report', () => {
  const report = checkGuardrails(small, { accountId: '123456789012' });

  it('has every rule in order with a pass/fail summary', () => {
    expect(report.rules.map(r => r.id)).toEqual([...GUARDRAIL_RULE_IDS]);
    expect(report.passed).toBe(false);
    expect(report.summary.rules).toBe(GUARDRAIL_RULE_IDS.length);
    expect(report.summary.failedRules).toBe(
      report.rules.filter(r => !r.passed).length,
    );
    expect(report.summary.findings).toBe(
      report.rules.reduce((n, r) => n + r.findings.length, 0),
    );
    for (const rule of report.rules) {
      expect(rule.passed).toBe(rule.findings.length === 0);
      expect(rule.rationale.length).toBeGreaterThan(40);
      for (const finding of rule.findings) {
        expect(finding.ruleId).toBe(rule.id);
        expect(finding.address).not.toBe('');
        expect(finding.fix).not.toBe('');
      }
    }
  });

  it('serializes to stable JSON regardless of input key order', () => {
    const reversed = JSON.parse(JSON.stringify(small), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    const json = reportToJson(report);
    expect(
      reportToJson(checkGuardrails(reversed, { accountId: '123456789012' })),
    ).toBe(json);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    const addresses = parsed.rules.flatMap((r: any) =>
      r.findings.map((f: any) => f.address),
    );
    for (const rule of parsed.rules) {
      const own = rule.findings.map((f: any) => f.address);
      expect(own).toEqual(
        [...own].sort((a: string, b: string) => a.localeCompare(b)),
      );
    }
    expect(addresses.length).toBe(report.summary.findings);
  });

  it('formats text with one line per rule and every finding with its fix', () => {
    const text = formatReportText(report);
    expect(text.split('\n')[0]).toMatch(
      /^Exfiltration guardrails on the synthesized stack \(\d+ resources\): FAILED/,
    );
    for (const rule of report.rules) {
      expect(text).toContain(
        `${rule.passed ? '[PASS]' : '[FAIL]'} ${rule.id} ${rule.title}`,
      );
      for (const finding of rule.findings) {
        expect(text).toContain(`- ${finding.address}: ${finding.problem}`);
        expect(text).toContain(`fix: ${finding.fix}`);
      }
    }
  });

  it('assertGuardrails throws a readable error listing only the failures', () => {
    let error: unknown;
    try {
      assertGuardrails(small, { accountId: '123456789012' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuardrailViolationError);
    const violation = error as GuardrailViolationError;
    expect(violation.report.passed).toBe(false);
    expect(violation.message).not.toContain('[PASS]');
    for (const finding of violation.report.rules.flatMap(r => r.findings)) {
      expect(violation.message).toContain(finding.problem);
    }
  });
});
