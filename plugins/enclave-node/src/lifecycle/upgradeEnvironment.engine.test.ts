/*
 * Real engine: what an upgrade plan looks like against an applied environment.
 *
 * Why `terraform test`: no AWS is reachable, so a real `terraform apply` of
 * the old version cannot create state. `terraform test` with
 * `mock_provider "aws"` can: one run applies the old stack (mocked provider,
 * real Terraform core and state), the next run plans the new stack against
 * that same state (`state_key`), exactly as `terraform plan` would after a
 * real apply. The new stack is what upgradeEnvironment synthesizes
 * (stackVersion 1.1.0); the "old" one is the 1.0.0 synthesis with one leaf
 * resource missing and one retired resource present, i.e. a platform release
 * that adds one resource and retires another. The plan's JSON (`test_plan`)
 * goes through summarizePlan and holdUpgrade, the functions the action uses.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import {
  engineAvailability,
  terraformRunner,
  TEST_PLUGIN_CACHE_DIR,
} from '../stack/__testUtils__/terraformHarness';
import { DIRECTORY_PASSWORD_VARIABLE } from '../stack';
import { summarizePlan } from '../terraform/planSummary';
import { environmentTerraform } from './environmentTerraform';
import { holdUpgrade } from './upgradeEnvironment';
import { EXAMPLE_SPEC } from './__testUtils__/lifecycleStandIn';

const engine = engineAvailability();
if (!engine.available && process.env.CI === 'true') {
  throw new Error(`real-engine tests must run under CI: ${engine.reason}`);
}
const describeEngine = engine.available ? describe : describe.skip;

type Json = { resource: Record<string, Record<string, unknown>> };

/** A resource nothing else refers to, so the old stack is valid without it. */
function leafResource(json: Json, text: string): [string, string] {
  for (const type of Object.keys(json.resource).sort()) {
    for (const name of Object.keys(json.resource[type]).sort()) {
      if (!text.includes(`\${${type}.${name}.`)) return [type, name];
    }
  }
  throw new Error('no leaf resource');
}

describeEngine(
  'upgrade plan against an applied environment (terraform test, mocked provider)',
  () => {
    jest.setTimeout(600_000);

    it('shows the added resource as 1 to add, and the apply gate holds a destroying plan until confirmed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'enclave-upgrade-'));
      const config = parseDataEnclaveConfig({
        stackVersion: '1.1.0',
        terraform: { pluginCacheDir: TEST_PLUGIN_CACHE_DIR },
      });
      const synth = (version: string, out: string) =>
        environmentTerraform({
          spec: EXAMPLE_SPEC,
          stackVersion: version,
          config,
          workDir: join(dir, out),
          log: () => {},
        }).stackDir;
      const newDir = synth('1.1.0', 'new');
      const oldText = readFileSync(
        join(synth('1.0.0', 'old'), 'cdk.tf.json'),
        'utf8',
      );
      const old = JSON.parse(oldText) as Json;
      const [type, name] = leafResource(old, oldText);
      const retired = { ...(old.resource[type][name] as object) };
      delete old.resource[type][name];
      old.resource[type][`retired_${name}`] = retired;
      mkdirSync(join(newDir, 'v1'));
      writeFileSync(join(newDir, 'v1', 'cdk.tf.json'), JSON.stringify(old));
      mkdirSync(join(newDir, 'tests'));
      writeFileSync(
        join(newDir, 'tests', 'upgrade.tftest.hcl'),
        [
          'mock_provider "aws" {',
          '  mock_resource "aws_kms_key" {',
          '    defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000" }',
          '  }',
          '  mock_resource "aws_iam_role" {',
          '    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }',
          '  }',
          '  mock_resource "aws_iam_instance_profile" {',
          '    defaults = { arn = "arn:aws:iam::123456789012:instance-profile/mock" }',
          '  }',
          '  mock_resource "aws_cloudwatch_log_group" {',
          '    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }',
          '  }',
          '  mock_resource "aws_s3_bucket" {',
          '    defaults = { arn = "arn:aws:s3:::mock-bucket" }',
          '  }',
          '  mock_resource "aws_secretsmanager_secret" {',
          '    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock" }',
          '  }',
          '}',
          'run "applied_at_1_0_0" {',
          '  command   = apply',
          '  state_key = "environment"',
          '  module {',
          '    source = "./v1"',
          '  }',
          '}',
          'run "upgrade_to_1_1_0" {',
          '  command   = plan',
          '  state_key = "environment"',
          '}',
          '',
        ].join('\n'),
      );
      const terraform = terraformRunner({
        stackDir: newDir,
        configDir: join(dir, 'cli'),
        mirror: engine.mirror!,
        variables: { [DIRECTORY_PASSWORD_VARIABLE]: 'Upgrade-Test-Pw-1' },
      });
      await terraform.run(['init', '-input=false', '-no-color']);
      const { stdout } = await terraform.run(['test', '-json', '-verbose']);
      const events = stdout
        .split('\n')
        .filter(l => l.startsWith('{'))
        .map(l => JSON.parse(l));
      expect(
        events.find(e => e.type === 'test_summary')?.test_summary,
      ).toMatchObject({
        status: 'pass',
      });
      const plan = events.find(
        e => e.type === 'test_plan' && e['@testrun'] === 'upgrade_to_1_1_0',
      ).test_plan;

      const summary = summarizePlan(plan);
      expect(summary.add).toBe(1);
      expect(summary.addresses?.add).toEqual([`${type}.${name}`]);
      expect(summary.destroy).toBe(1);
      expect(summary.addresses?.destroy).toEqual([`${type}.retired_${name}`]);
      // The mocked provider does not compute tags_all from default_tags, so the
      // new stack-version tag shows no in-place change on AWS resources here
      // (the real provider updates every taggable resource's tags in place).
      // The one in-place change is the on-demand EMR launch spec (a
      // terraform_data whose input carries the tags the SDK launch will use;
      // commit 1762f57), which is how a new stack version reaches the next
      // Spark launch.
      expect(summary.addresses?.change).toEqual([
        expect.stringMatching(/^terraform_data\./),
      ]);

      // The gate the action applies: held without confirm, and a confirmation
      // covers only the destroys that were shown.
      expect(holdUpgrade(summary, false)).toMatch(
        /^Not applied: the upgrade destroys or replaces 1 resource/,
      );
      expect(
        holdUpgrade(summary, true, summary.addresses!.destroy),
      ).toBeUndefined();
      expect(holdUpgrade(summary, true, ['aws_vpc.something_else'])).toMatch(
        /was not in the confirmed plan/,
      );
      // The same release without the retirement would apply unconfirmed.
      expect(
        holdUpgrade(
          {
            ...summary,
            destroy: 0,
            addresses: { ...summary.addresses, destroy: [] },
          },
          false,
        ),
      ).toBeUndefined();
    });
  },
);
