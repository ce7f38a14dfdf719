/*
 * Plan level, with the real engine: the clean example stack and every mutant
 * of it go through a real offline `terraform plan` (fake credentials, provider
 * from the local mirror), and the guardrails run on `terraform show -json`.
 * The clean plan must pass every rule; each mutant's plan must be rejected by
 * the rule the mutant targets. Also checks the synth-time taggable-type lists
 * against the provider schema.
 *
 * Skipped, with the reason printed, when terraform or the provider mirror is
 * missing, except in CI (CI=true), where that is a failure.
 */
import { checkGuardrails } from './checkGuardrails';
import { loadTerraformDocument } from './loadDocument';
import { TAGGABLE_TYPES, UNTAGGABLE_TYPES } from './taggableTypes';
import { GUARDRAIL_RULE_IDS } from './types';
import { CleanStack, synthesizeCleanStack } from './__testUtils__/cleanStack';
import {
  PlanHarness,
  engineAvailability,
  runPool,
} from './__testUtils__/planHarness';
import {
  STACK_MUTANTS,
  applyMutant,
  killTable,
} from './__testUtils__/stackMutants';

/*
 * ENCLAVE_MUTANT_RULES=G3,F2 plans only the mutants of those rules (a quick
 * check while working on a rule; the clean plan always runs). Unset: every
 * mutant, which is what CI runs. An unknown rule id is an error, so a typo
 * cannot pass as "no mutant survived".
 */
const SELECTED_RULES = (process.env.ENCLAVE_MUTANT_RULES ?? '')
  .split(',')
  .map(r => r.trim())
  .filter(Boolean);
for (const rule of SELECTED_RULES) {
  if (!(GUARDRAIL_RULE_IDS as readonly string[]).includes(rule))
    throw new Error(
      `ENCLAVE_MUTANT_RULES names ${rule}, which is not a rule id (${GUARDRAIL_RULE_IDS.join(
        ', ',
      )})`,
    );
}
const MUTANTS = SELECTED_RULES.length
  ? STACK_MUTANTS.filter(m => SELECTED_RULES.includes(m.rule))
  : STACK_MUTANTS;

/** Two plans in flight: on a 2-core machine terraform and the provider share the CPUs well. */
const PLAN_CONCURRENCY = 2;
/*
 * The plans (clean + every mutant, 58 with 57 mutants) take ~8-15 s each on a
 * quiet 2-core machine, i.e. ~4-8 min at two in flight. The budget is sized
 * from the mutant count at ~5x the slow case per plan (75 s per round of
 * PLAN_CONCURRENCY plans, so a shared, loaded machine still finishes) plus
 * 4 min for `terraform init`: ~40 min today, growing with every mutant added.
 */
const PLAN_ROUND_BUDGET_MS = 75_000;
const INIT_BUDGET_MS = 4 * 60_000;
const SUITE_TIMEOUT_MS =
  INIT_BUDGET_MS +
  Math.ceil((MUTANTS.length + 1) / PLAN_CONCURRENCY) * PLAN_ROUND_BUDGET_MS;

const availability = engineAvailability();
if (!availability.available) {
  if (process.env.CI === 'true') {
    throw new Error(
      `plan-level guardrail tests cannot run in CI: ${availability.reason}`,
    );
  }
  // eslint-disable-next-line no-console
  console.log(`Skipping plan-level guardrail tests: ${availability.reason}`);
}
const describeEngine = availability.available ? describe : describe.skip;

describeEngine('guardrails on real terraform plans', () => {
  let clean: CleanStack;
  let harness: PlanHarness;
  let cleanPlan: unknown;
  let mutantPlans: Awaited<ReturnType<typeof runPool<unknown>>>;
  const killed = new Map<string, string[]>();
  const startedAt = Date.now();

  beforeAll(async () => {
    clean = synthesizeCleanStack();
    const region = clean.json.provider.aws[0].region as string;
    harness = new PlanHarness(availability.mirror!, region);
    await harness.init(clean.json);
    const tasks = [
      () => harness.plan(clean.json),
      ...MUTANTS.map(
        mutant => () => harness.plan(applyMutant(clean.json, mutant)),
      ),
    ];
    const [cleanResult, ...rest] = await runPool(tasks, PLAN_CONCURRENCY);
    if (!cleanResult.ok) throw cleanResult.error;
    cleanPlan = cleanResult.value;
    mutantPlans = rest;
  }, SUITE_TIMEOUT_MS);

  afterAll(() => {
    harness?.dispose();
    clean?.dispose();
    const total = new Map(
      GUARDRAIL_RULE_IDS.map(id => [
        id,
        MUTANTS.filter(m => m.rule === id).length,
      ]),
    );
    // eslint-disable-next-line no-console
    console.log(
      `Plan-level mutants killed (${MUTANTS.length + 1} plans in ${Math.round(
        (Date.now() - startedAt) / 1000,
      )} s):\n${killTable(killed, total)}`,
    );
  });

  it('passes every rule on the clean plan, with and without the account given', () => {
    for (const accountId of [clean.accountId, undefined]) {
      const report = checkGuardrails(cleanPlan, { accountId });
      expect(report.source).toBe('plan');
      expect(report.rules.flatMap(r => r.findings)).toEqual([]);
      expect(report.passed).toBe(true);
    }
  });

  it('reads values that are unknown in the plan from its configuration', () => {
    const doc = loadTerraformDocument(cleanPlan);
    const bucketPolicy = doc.ofType('aws_s3_bucket_policy')[0];
    // The endpoint id is only known after apply, so the policy came from configuration.
    expect(String(bucketPolicy.values.policy)).toContain('${aws_vpc_endpoint.');
    expect(bucketPolicy.computed).toContain('id');
    // tags_all is known at plan time and carries the provider's default tags.
    expect(doc.ofType('aws_vpc')[0].values.tags_all).toMatchObject({
      'enclave:environment': 'analytics',
    });
  });

  it('classifies every resource type of the stack as the provider schema does', async () => {
    const schema = await harness.providerSchema();
    const resources =
      schema.provider_schemas['registry.terraform.io/hashicorp/aws']
        .resource_schemas;
    // terraform_data (the on-demand EMR launch spec) is Terraform's own
    // built-in resource, not the AWS provider's.
    const stackTypes = Object.keys(clean.json.resource).filter(
      t => t !== 'terraform_data',
    );
    for (const type of new Set([
      ...stackTypes,
      ...TAGGABLE_TYPES,
      ...UNTAGGABLE_TYPES,
    ])) {
      expect(resources[type]).toBeDefined();
      const taggable = 'tags_all' in (resources[type].block.attributes ?? {});
      expect({ type, taggable }).toEqual({
        type,
        taggable: TAGGABLE_TYPES.includes(type),
      });
    }
    // Every type the stack uses is classified explicitly, not by the `tags` fallback.
    for (const type of stackTypes) {
      expect({
        type,
        listed:
          TAGGABLE_TYPES.includes(type) || UNTAGGABLE_TYPES.includes(type),
      }).toEqual({ type, listed: true });
    }
  }, 120_000);

  it.each(MUTANTS.map((m, i) => [m.rule, m.name, i] as const))(
    '%s rejects the plan of mutant: %s',
    (rule, name, index) => {
      const result = mutantPlans[index];
      if (!result.ok)
        throw new Error(
          `terraform plan of mutant '${name}' (${rule}) failed: ${result.error.message}`,
        );
      const report = checkGuardrails(result.value, {
        accountId: clean.accountId,
        ...MUTANTS[index].options,
      });
      expect(report.source).toBe('plan');
      const ruleResult = report.rules.find(r => r.id === rule)!;
      // Named so a surviving mutant says which one survived.
      expect({ mutant: name, rule, passed: ruleResult.passed }).toEqual({
        mutant: name,
        rule,
        passed: false,
      });
      expect(ruleResult.findings.length).toBeGreaterThan(0);
      killed.set(rule, [...(killed.get(rule) ?? []), name]);
    },
  );
});
