/*
 * Synth level: the clean example stack passes G1–G10, and every mutant of it
 * is rejected by the rule it targets.
 */
import { checkGuardrails } from './checkGuardrails';
import { synthesizeCleanStack, CleanStack } from './__testUtils__/cleanStack';
import {
  STACK_MUTANTS,
  applyMutant,
  killTable,
} from './__testUtils__/stackMutants';
import { GUARDRAIL_RULE_IDS } from './types';

describe('guardrails on the synthesized example stack', () => {
  let clean: CleanStack;
  const killed = new Map<string, string[]>();

  beforeAll(() => {
    clean = synthesizeCleanStack();
  }, 60_000);

  afterAll(() => {
    clean?.dispose();
    const total = new Map(
      GUARDRAIL_RULE_IDS.map(id => [
        id,
        STACK_MUTANTS.filter(m => m.rule === id).length,
      ]),
    );
    // eslint-disable-next-line no-console
    console.log(`Synth-level mutants killed:\n${killTable(killed, total)}`);
  });

  it('passes every rule, with and without the account given', () => {
    for (const accountId of [clean.accountId, undefined]) {
      const report = checkGuardrails(clean.json, { accountId });
      expect(
        report.rules.filter(r => !r.passed).flatMap(r => r.findings),
      ).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.source).toBe('synth');
      expect(report.summary.resources).toBeGreaterThan(50);
    }
  });

  it('has at least two mutants for every rule', () => {
    for (const id of GUARDRAIL_RULE_IDS) {
      expect(
        STACK_MUTANTS.filter(m => m.rule === id).length,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(STACK_MUTANTS.map(m => [m.rule, m.name, m] as const))(
    '%s rejects mutant: %s',
    (rule, name, mutant) => {
      const report = checkGuardrails(applyMutant(clean.json, mutant), {
        accountId: clean.accountId,
        ...mutant.options,
      });
      const result = report.rules.find(r => r.id === rule)!;
      expect(result.passed).toBe(false);
      expect(result.findings.length).toBeGreaterThan(0);
      expect(report.passed).toBe(false);
      killed.set(rule, [...(killed.get(rule) ?? []), name]);
    },
  );
});
