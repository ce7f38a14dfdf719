/*
 * Real-engine tests: synthesize a matrix of environments, then run the real
 * terraform binary offline against the local provider mirror: init, validate,
 * plan with fake credentials, show -json, and `terraform test` with a mocked
 * provider. Skipped (with the reason printed) when terraform or the mirror is
 * missing, except in CI where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  EnvironmentSpecInput,
  WORKSPACES_AZ_IDS,
  ENCLAVE_TAG_KEYS,
} from '@data-enclave/plugin-enclave-common';
import {
  synthesizeEnvironment,
  SynthesizeOptions,
} from './synthesizeEnvironment';
import { DIRECTORY_PASSWORD_VARIABLE } from './directory';
import { BASE_SPEC, TerraformJson } from './__testUtils__/synthJson';
import {
  engineAvailability,
  terraformRunner,
} from './__testUtils__/terraformHarness';
import { writeApplyTestFile } from './__testUtils__/applyTestFile';

const ENGINE_TIMEOUT_MS = 300_000;

const availability = engineAvailability();
if (!availability.available) {
  if (process.env.CI === 'true') {
    throw new Error(
      `real-engine tests cannot run in CI: ${availability.reason}`,
    );
  }
  // eslint-disable-next-line no-console
  console.log(`Skipping real-engine tests: ${availability.reason}`);
}
const describeEngine = availability.available ? describe : describe.skip;

/** G1: resource types that would open a path to the internet or other networks. */
const INTERNET_PATH_TYPES = [
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
  'aws_vpc_peering_connection',
  'aws_ec2_transit_gateway',
  'aws_ec2_transit_gateway_vpc_attachment',
  'aws_vpn_gateway',
  'aws_vpn_connection',
  'aws_customer_gateway',
  'aws_route',
];

interface MatrixCase {
  title: string;
  spec: EnvironmentSpecInput;
  options?: SynthesizeOptions;
}

const MATRIX: MatrixCase[] = [
  { title: 'defaults in eu-west-1', spec: BASE_SPEC },
  {
    title: 'bigger EMR, explicit CIDR, extra DNS domain in us-east-1',
    spec: {
      ...BASE_SPEC,
      name: 'genomics',
      team: 'group:research/genomics-lab',
      region: 'us-east-1',
      vpcCidr: '172.20.0.0/16',
      emr: {
        instanceType: 'm5.2xlarge',
        coreNodeCount: 4,
        applications: ['Spark', 'Livy', 'JupyterEnterpriseGateway'],
        idleTimeoutMinutes: 120,
      },
    },
    options: { guardrails: { allowedExtraDomains: ['pypi.org'] } },
  },
  {
    title:
      'small /20 VPC, any client CIDR allowed by config, admin role exception',
    spec: {
      ...BASE_SPEC,
      name: 'risk-models',
      vpcCidr: '192.168.16.0/20',
      clientCidrs: ['0.0.0.0/0'],
      users: [],
      workspaces: {
        computeType: 'POWER',
        runningModeAutoStopTimeoutInMinutes: 120,
      },
      stackVersion: '1.2.0',
    },
    options: {
      guardrails: { allowAnyClientCidr: true },
      platformAdminRoleArns: ['arn:aws:iam::123456789012:role/platform-admin'],
      flowLogRetentionInDays: 90,
    },
  },
];

type PlannedResource = {
  type: string;
  mode: string;
  change: { actions: string[]; after: Record<string, any> };
};

/** Every regular file under dir (symlinks and provider binaries skipped: they are not ours). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return [];
    if (stat.isDirectory()) {
      return path.endsWith(join('.terraform', 'providers'))
        ? []
        : filesUnder(path);
    }
    return [path];
  });
}

describeEngine('EnclaveStack with the real Terraform engine', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'enclave-engine-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it.each(MATRIX)(
    'init, validate, plan and mock-apply: $title',
    async ({ spec: input, options }) => {
      // AD complexity: upper, lower, digit and symbol; random so a leak is detectable.
      const password = `Aa1!${randomBytes(12).toString('hex')}`;
      const outDir = join(workDir, 'out');
      const { stackDir, summary, spec } = synthesizeEnvironment(
        input,
        outDir,
        options,
      );
      const json = JSON.parse(
        readFileSync(summary.file, 'utf8'),
      ) as TerraformJson;
      const privateDir = mkdtempSync(join(workDir, 'private-'));
      const terraform = terraformRunner({
        stackDir,
        configDir: privateDir,
        mirror: availability.mirror!,
        variables: { [DIRECTORY_PASSWORD_VARIABLE]: password },
      });

      await terraform.run(['init', '-input=false', '-no-color']);
      const validate = JSON.parse(
        (await terraform.run(['validate', '-json', '-no-color'])).stdout,
      );
      expect(validate).toMatchObject({ valid: true, error_count: 0 });

      // The plan file and its JSON carry variable values (the password), so
      // both stay outside the stack directory.
      const planFile = join(privateDir, 'plan.bin');
      await terraform.run([
        'plan',
        '-input=false',
        '-no-color',
        '-lock=false',
        `-out=${planFile}`,
      ]);
      const plan = JSON.parse(
        (await terraform.run(['show', '-json', planFile])).stdout,
      );

      const changes = plan.resource_changes as PlannedResource[];
      expect(changes.every(c => c.mode === 'managed')).toBe(true);
      expect(changes.every(c => c.change.actions.join() === 'create')).toBe(
        true,
      );
      const plannedCounts: Record<string, number> = {};
      for (const c of changes)
        plannedCounts[c.type] = (plannedCounts[c.type] ?? 0) + 1;
      expect(plannedCounts).toEqual(summary.resourceCounts);
      for (const type of INTERNET_PATH_TYPES)
        expect(plannedCounts[type]).toBeUndefined();

      const after = (type: string) =>
        changes.filter(c => c.type === type).map(c => c.change.after);
      const [vpc] = after('aws_vpc');
      expect(vpc).toMatchObject({
        cidr_block: spec.vpcCidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
      expect(vpc.tags_all).toMatchObject({
        [ENCLAVE_TAG_KEYS.environment]: spec.name,
        [ENCLAVE_TAG_KEYS.owner]: spec.team,
        [ENCLAVE_TAG_KEYS.stackVersion]: spec.stackVersion,
      });
      for (const subnet of after('aws_subnet')) {
        expect(subnet.map_public_ip_on_launch).toBe(false);
        expect(WORKSPACES_AZ_IDS[spec.region]).toContain(
          subnet.availability_zone_id,
        );
      }
      for (const table of after('aws_route_table'))
        expect(table.route).toEqual([]);
      const [workspaces] = after('aws_workspaces_directory');
      expect(workspaces.workspace_creation_properties[0]).toMatchObject({
        enable_internet_access: false,
        user_enabled_as_local_administrator: false,
      });
      expect(workspaces.workspace_access_properties[0].device_type_web).toBe(
        'DENY',
      );
      expect(
        after('aws_workspaces_ip_group')[0]
          .rules.map((r: any) => r.source)
          .sort(),
      ).toEqual([...spec.clientCidrs].sort());
      // No aws_emr_cluster: the on-demand cluster's launch spec is planned.
      expect(after('aws_emr_cluster')).toEqual([]);
      const [{ input: cluster }] = after('terraform_data');
      expect(cluster).toMatchObject({
        release_label: spec.emr.releaseLabel,
        applications: expect.arrayContaining(spec.emr.applications),
        auto_termination_policy: [
          { idle_timeout: spec.emr.idleTimeoutMinutes * 60 },
        ],
      });
      expect(cluster.core_instance_group[0]).toMatchObject({
        instance_count: spec.emr.coreNodeCount,
        instance_type: spec.emr.instanceType,
      });
      expect(after('aws_flow_log')[0].traffic_type).toBe('ALL');
      expect(after('aws_cloudwatch_log_group')[0].retention_in_days).toBe(
        options?.flowLogRetentionInDays ?? 365,
      );
      expect(after('aws_kms_key')[0].enable_key_rotation).toBe(true);
      const allowList = after('aws_route53_resolver_firewall_domain_list').find(
        l => l.name.endsWith('-allow'),
      )!;
      expect(allowList.domains).toContain(`${spec.directory.domainName}.`);
      for (const extra of options?.guardrails?.allowedExtraDomains ?? []) {
        expect(allowList.domains).toContain(`${extra}.`);
      }
      expect(
        plan.configuration.root_module.variables[DIRECTORY_PASSWORD_VARIABLE]
          .sensitive,
      ).toBe(true);
      // Positive control for the leak scan below: the password really reached
      // terraform (and plan JSON does carry it, hence the private directory).
      expect(plan.variables[DIRECTORY_PASSWORD_VARIABLE].value).toBe(password);

      // Apply semantics with a mocked provider.
      writeApplyTestFile(stackDir, spec, json);
      const test = await terraform.run(['test', '-no-color']);
      // Run 1 applies with the mock provider; run 2 plans again (what a drift
      // check or upgrade does after the EMR cluster idled out) and asserts
      // nothing is replaced.
      expect(test.stdout).toMatch(/run "plan_after_emr_idle_out"\.\.\. pass/);
      expect(test.stdout).toMatch(/Success! 2 passed, 0 failed/);

      // Nothing terraform or we wrote next to the stack contains the password.
      const files = filesUnder(stackDir);
      expect(files.map(f => relative(stackDir, f))).toEqual(
        expect.arrayContaining([
          'cdk.tf.json',
          '.terraform.lock.hcl',
          join('tests', 'apply.tftest.hcl'),
        ]),
      );
      for (const file of files) {
        expect({ file, leaks: readFileSync(file).includes(password) }).toEqual({
          file,
          leaks: false,
        });
      }
      rmSync(privateDir, { recursive: true, force: true });
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    'validates an apply-mode stack with an S3 backend (backend not initialised offline)',
    async () => {
      const { stackDir, summary } = synthesizeEnvironment(
        { ...BASE_SPEC, name: 'payments', region: 'us-east-1' },
        join(workDir, 'out-apply'),
        {
          provider: {
            mode: 'apply',
            assumeRoleArn: 'arn:aws:iam::123456789012:role/deployer',
          },
          backend: {
            type: 's3',
            bucket: 'tf-state',
            region: 'us-east-1',
            kmsKeyId: 'alias/tf-state',
          },
        },
      );
      expect(summary.providerMode).toBe('apply');
      const terraform = terraformRunner({
        stackDir,
        configDir: mkdtempSync(join(workDir, 'private-')),
        mirror: availability.mirror!,
      });
      await terraform.run([
        'init',
        '-input=false',
        '-no-color',
        '-backend=false',
      ]);
      const validate = JSON.parse(
        (await terraform.run(['validate', '-json', '-no-color'])).stdout,
      );
      expect(validate).toMatchObject({ valid: true, error_count: 0 });
    },
    ENGINE_TIMEOUT_MS,
  );
});
