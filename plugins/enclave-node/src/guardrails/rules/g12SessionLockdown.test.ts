/*
 * G12 on small hand-written documents: the bundle declared on the WorkSpaces
 * directory against dataEnclave.workspaces.approvedBundles, in plan and
 * apply mode, and what the report says. The stack mutants
 * (../__testUtils__/stackMutants.ts) cover the real stack at synth and plan.
 */
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { checkGuardrails } from '../checkGuardrails';
import { formatReportText } from '../report';
import type { GuardrailOptions } from '../types';

type Json = Record<string, any>;

function stack(tags: Json): Json {
  return {
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: {
      aws_workspaces_directory: { d: { directory_id: 'd-1', tags } },
    },
  };
}
const g12 = (json: Json, options: GuardrailOptions = {}) =>
  checkGuardrails(json, options).rules.find(r => r.id === 'G12')!;

const UBUNTU = { 'enclave:desktop-bundle': 'Standard with Ubuntu 22.04' };
const WINDOWS = {
  'enclave:desktop-bundle': 'Standard with Windows 10 (Server 2022 based)',
};

describe('G12 desktop session lock-down', () => {
  it('passes an approved bundle and reports its lock-down', () => {
    const result = g12(stack(UBUNTU), {
      approvedBundles: [TEST_APPROVED_BUNDLE],
      mode: 'apply',
    });
    expect(result.passed).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.facts).toEqual([
      'bundle "Standard with Ubuntu 22.04" (ubuntu, owner AMAZON): clipboardIn: blocked (image), clipboardOut: blocked (image), fileTransfer: blocked (image), printing: blocked (image), usb: blocked (image), webcam: blocked (image), watermark: none (none)',
    ]);
  });

  it('matches names as AWS does (case and spacing), and refuses any other bundle naming approvedBundles', () => {
    const approvedBundles = [TEST_APPROVED_BUNDLE];
    expect(
      g12(stack({ 'enclave:desktop-bundle': ' standard with  UBUNTU 22.04' }), {
        approvedBundles,
      }).passed,
    ).toBe(true);
    for (const mode of ['plan', 'apply'] as const) {
      const result = g12(stack(WINDOWS), { approvedBundles, mode });
      expect(result.passed).toBe(false);
      expect(result.findings.map(f => f.problem)).toEqual([
        'WorkSpaces bundle "Standard with Windows 10 (Server 2022 based)" is not in dataEnclave.workspaces.approvedBundles ("Standard with Ubuntu 22.04"): choose an approved bundle, or have the platform team harden this one and list it (docs/session-lockdown.md)',
      ]);
    }
  });

  it('not configured: a labelled, tolerated finding in plan mode, a failure in apply mode', () => {
    const plan = checkGuardrails(stack(UBUNTU), { mode: 'plan' });
    const planG12 = plan.rules.find(r => r.id === 'G12')!;
    expect(planG12.passed).toBe(true);
    expect(planG12.findings).toEqual([]);
    expect(planG12.allowedFindings).toEqual([
      expect.objectContaining({
        ruleId: 'G12',
        address: 'aws_workspaces_directory.d',
        problem: expect.stringMatching(
          /^session lock-down: not configured\. Bundle "Standard with Ubuntu 22.04" is not checked/,
        ),
        allowedBecause:
          'plan mode only: nothing is applied; apply mode refuses',
      }),
    ]);
    const text = formatReportText(plan);
    expect(text).toMatch(/1 finding shown but allowed \(plan mode only\)/);
    expect(text).toMatch(
      /\[ALLOWED: plan mode only: nothing is applied; apply mode refuses\] aws_workspaces_directory\.d: session lock-down: not configured/,
    );

    const apply = g12(stack(UBUNTU), { mode: 'apply' });
    expect(apply.passed).toBe(false);
    expect(apply.findings[0].problem).toMatch(
      /^session lock-down: not configured/,
    );
    expect(apply.allowedFindings).toBeUndefined();
  });

  it('requires the bundle as a literal name: absent, empty or computed tags are findings', () => {
    const cases: Json[] = [
      {},
      { 'enclave:desktop-bundle': '' },
      { 'enclave:desktop-bundle': '${aws_vpc.v.id}' },
    ];
    for (const tags of cases) {
      const result = g12(stack(tags), {
        approvedBundles: [TEST_APPROVED_BUNDLE],
      });
      expect(result.passed).toBe(false);
      expect(result.findings[0].problem).toMatch(
        /^tag enclave:desktop-bundle is .*; the desktops' bundle must be declared as a literal name$/,
      );
    }
  });

  it('shows the lock-down in the text report of a passing run', () => {
    const report = checkGuardrails(stack(UBUNTU), {
      approvedBundles: [TEST_APPROVED_BUNDLE],
    });
    expect(formatReportText(report)).toMatch(
      /G12 Desktop session lock-down\n\s+in use: bundle "Standard with Ubuntu 22.04" \(ubuntu, owner AMAZON\): clipboardIn: blocked \(image\)/,
    );
  });
});
