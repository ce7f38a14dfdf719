/*
 * `enclave check` as users run it: a child process, real files. Bad input
 * exits 2 with a message and no stack trace; findings exit 1 and are printed;
 * a clean stack exits 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeCleanStack } from '../guardrails/__testUtils__/cleanStack';
import {
  STACK_MUTANTS,
  applyMutant,
} from '../guardrails/__testUtils__/stackMutants';
import { GUARDRAIL_RULE_IDS } from '../guardrails/types';
import { REPO_ROOT, runEnclaveCli } from './__testUtils__/runEnclaveCli';

const runCli = runEnclaveCli;

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

describe('enclave check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-check-cli-'));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  let cleanPath: string;
  let mutantPath: string;
  /** G11 mutants by name: the three ways out issue 13 names, and an unvetted type. */
  const closedWorldPaths = new Map<string, string>();

  beforeAll(() => {
    const clean = synthesizeCleanStack();
    cleanPath = file('clean.cdk.tf.json', JSON.stringify(clean.json));
    const mutant = STACK_MUTANTS.find(
      m => m.name === 'egress rule to 0.0.0.0/0',
    )!;
    mutantPath = file(
      'mutant.cdk.tf.json',
      JSON.stringify(applyMutant(clean.json, mutant)),
    );
    for (const m of STACK_MUTANTS.filter(x => x.rule === 'G11')) {
      closedWorldPaths.set(
        m.name,
        file(
          `g11-${closedWorldPaths.size}.cdk.tf.json`,
          JSON.stringify(applyMutant(clean.json, m)),
        ),
      );
    }
    clean.dispose();
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['an empty file', () => file('empty.json', ''), /the file is empty/],
    [
      'invalid JSON',
      () => file('invalid.json', '{"resource": {'),
      /invalid JSON/,
    ],
    [
      'JSON that is not Terraform',
      () => file('package.json', '{"name": "x", "version": "1.0.0"}'),
      /not Terraform JSON: found keys "name", "version"/,
    ],
    [
      'a binary file',
      () =>
        file(
          'plan.tfplan',
          Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x00, 0x10]),
        ),
      /the file is binary, not JSON/,
    ],
    [
      'a Terraform file without resources',
      () => file('bare.cdk.tf.json', '{"resource": {}, "provider": {}}'),
      /contains no resources/,
    ],
    [
      'a missing file',
      () => join(dir, 'missing.json'),
      /cannot read .*missing\.json: no such file/,
    ],
  ])(
    'exits 2 with a message for %s',
    async (_what, makePath, message) => {
      const result = await runCli(['check', makePath()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^enclave: /);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stdout).toBe('');
    },
    30_000,
  );

  it('exits 0 on the clean stack, resolving the path against INIT_CWD', async () => {
    const result = await runCli(['check', 'clean.cdk.tf.json'], {
      INIT_CWD: dir,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`PASSED, all ${GUARDRAIL_RULE_IDS.length} rules`),
    );
  }, 30_000);

  it('exits 1 and prints each finding', async () => {
    const result = await runCli(['check', mutantPath]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[FAIL\] G2 /);
    expect(result.stdout).toMatch(
      /- aws_vpc_security_group_egress_rule\.mutant_egress_any: egress rule allows traffic to 0\.0\.0\.0\/0/,
    );
    expect(result.stderr).toMatch(
      /^enclave: guardrails failed: 1 finding\(s\) in 1 rule\(s\)/,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 30_000);

  it('prints the stable JSON report with --format json', async () => {
    const result = await runCli(['check', mutantPath, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.passed).toBe(false);
    expect(report.rules.find((r: any) => r.id === 'G2').findings).toHaveLength(
      1,
    );
  }, 30_000);

  it.each([
    [
      'data bucket replicated to another account',
      /- aws_s3_bucket_replication_configuration\.mutant_copy: replicates objects to "arn:aws:s3:::attacker-owned-bucket" in account "999999999999", which is not a bucket of this stack\n\s+fix: remove the replication configuration/,
    ],
    [
      'RAM share of a subnet with another account',
      /- aws_ram_principal_association\.mutant_share_principal: shares resources with principal "999999999999", outside the environment account\n\s+fix: remove the RAM principal association/,
    ],
    [
      'public bucket policy on a second bucket (an allowed type)',
      /- aws_s3_bucket_policy\.mutant_other_public: statement "PublicRead" allows any principal \(a public bucket policy\)\n\s+fix: name principals of the environment account/,
    ],
  ])(
    'exits 1 on a stack with a way out (%s) and says what to do',
    async (name, finding) => {
      const result = await runCli(['check', closedWorldPaths.get(name)!]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/\[FAIL\] G11 /);
      expect(result.stdout).toMatch(finding);
      expect(result.stderr).toMatch(/^enclave: guardrails failed: /);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    },
    30_000,
  );

  it('allows an extra resource type only by flag, as a relaxation; a malformed type exits 2', async () => {
    const sns = closedWorldPaths.get('unvetted resource type (an SNS topic)')!;
    const refused = await runCli(['check', sns]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      "resource type aws_sns_topic is not on the enclave's allow-list",
    );
    expect(refused.stdout).toContain(
      'add "aws_sns_topic" to dataEnclave.guardrails.allowedExtraResourceTypes',
    );
    const allowed = await runCli([
      'check',
      sns,
      '--allow-resource-type',
      'aws_sns_topic',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      'note: resource type aws_sns_topic is allowed by dataEnclave.guardrails.allowedExtraResourceTypes',
    );
    const bad = await runCli([
      'check',
      sns,
      '--allow-resource-type',
      'SNS Topic',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^enclave: --allow-resource-type \(dataEnclave\.guardrails\.allowedExtraResourceTypes\): must be a Terraform resource type/,
    );
    expect(bad.stderr).not.toMatch(STACK_TRACE);
    expect(bad.stdout).toBe('');
  }, 60_000);

  it('synthesizes and checks an organization-wide resource perimeter only with --organization-id, as a relaxation', async () => {
    const out = join(dir, 'org-synth');
    const synth = await runCli([
      'synth',
      '--spec',
      join(REPO_ROOT, 'examples/environment.json'),
      '--out',
      out,
      '--organization-id',
      'o-a1b2c3d4e5',
    ]);
    expect(synth.code).toBe(0);
    const stack = join(out, 'stacks', 'analytics', 'cdk.tf.json');
    const withOrg = await runCli([
      'check',
      stack,
      '--organization-id',
      'o-a1b2c3d4e5',
    ]);
    expect(withOrg.code).toBe(0);
    expect(withOrg.stdout).toContain(
      'note: G3 relaxed by config: dataEnclave.guardrails.organizationId',
    );
    const withoutOrg = await runCli(['check', stack]);
    expect(withoutOrg.code).toBe(1);
    expect(withoutOrg.stdout).toMatch(/has no resource perimeter/);
    const bad = await runCli(['check', stack, '--organization-id', 'acme']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^enclave: --organization-id \(dataEnclave\.guardrails\.organizationId\): must be an AWS Organizations id like o-a1b2c3d4e5/,
    );
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  }, 120_000);

  it('shows config relaxations and rejects a malformed account id', async () => {
    const relaxed = await runCli([
      'check',
      cleanPath,
      '--allow-domain',
      'pypi.org',
      '--allow-any-client-cidr',
    ]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain(
      'note: G5 relaxed by config: dataEnclave.guardrails.allowedExtraDomains also allows pypi.org',
    );
    expect(relaxed.stdout).toContain('note: G7 relaxed by config');
    const bad = await runCli(['check', cleanPath, '--account-id', '12']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--account-id must be a 12-digit AWS account id/,
    );
  }, 30_000);
});
