/*
 * G12 on a real offline `terraform plan` of the clean example stack: the
 * desktop-bundle tag survives into `terraform show -json`, and the report
 * says what the session lock-down is in each configuration (approved bundle:
 * its lock-down; none configured: a labelled finding tolerated in plan mode,
 * a failure in apply mode). The stack mutants of G12 run in
 * ../guardrails.engine.test.ts with every other mutant.
 * Skipped with the reason when terraform or the mirror is missing (not in CI).
 */
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { checkGuardrails } from '../checkGuardrails';
import { formatReportText } from '../report';
import { CleanStack, synthesizeCleanStack } from '../__testUtils__/cleanStack';
import { PlanHarness, engineAvailability } from '../__testUtils__/planHarness';

const availability = engineAvailability();
if (!availability.available && process.env.CI === 'true') {
  throw new Error(`G12 plan test cannot run in CI: ${availability.reason}`);
}
const describeEngine = availability.available ? describe : describe.skip;

describeEngine('G12 on a real terraform plan', () => {
  let clean: CleanStack;
  let harness: PlanHarness;
  let plan: unknown;

  beforeAll(async () => {
    clean = synthesizeCleanStack();
    harness = new PlanHarness(
      availability.mirror!,
      clean.json.provider.aws[0].region as string,
    );
    await harness.init(clean.json);
    plan = await harness.plan(clean.json);
  }, 10 * 60_000);

  afterAll(() => {
    harness?.dispose();
    clean?.dispose();
  });

  const g12 = (options: Parameters<typeof checkGuardrails>[1]) =>
    checkGuardrails(plan, {
      accountId: clean.accountId,
      ...options,
    }).rules.find(r => r.id === 'G12')!;

  it('reads the bundle from the plan and shows the approved lock-down', () => {
    const result = g12({
      approvedBundles: [TEST_APPROVED_BUNDLE],
      mode: 'apply',
    });
    expect(result.passed).toBe(true);
    expect(result.facts).toEqual([
      expect.stringMatching(
        /^bundle "Standard with Ubuntu 22\.04" \(ubuntu, owner AMAZON\): clipboardIn: blocked \(image\), clipboardOut: blocked \(image\), fileTransfer: blocked \(image\), printing: blocked \(image\), usb: blocked \(image\)/,
      ),
    ]);
  });

  it('not configured: shown and allowed in plan mode, refused in apply mode', () => {
    const planMode = checkGuardrails(plan, { accountId: clean.accountId });
    const result = planMode.rules.find(r => r.id === 'G12')!;
    expect(result.passed).toBe(true);
    expect(result.allowedFindings?.map(f => f.problem)).toEqual([
      expect.stringMatching(/^session lock-down: not configured\./),
    ]);
    expect(formatReportText(planMode)).toMatch(
      /\[ALLOWED: plan mode only: nothing is applied; apply mode refuses\] aws_workspaces_directory\.[^:]+: session lock-down: not configured/,
    );
    const apply = g12({ mode: 'apply' });
    expect(apply.passed).toBe(false);
    expect(apply.findings[0].problem).toMatch(
      /^session lock-down: not configured/,
    );
  });
});
