/*
 * Keeps the cost estimate honest: synthesizes the example environment
 * (examples/environment.json) and checks that every Terraform resource type
 * in the stack has a price or a stated reason it is free
 * (`STACK_RESOURCE_PRICING`, enclave-common), and that the counts the
 * estimate multiplies by (`STACK_COST_SHAPE`) are the stack's. A new priced
 * resource type, or an extra endpoint or AZ, fails here until the table and
 * the estimate say what it costs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  STACK_COST_SHAPE,
  STACK_RESOURCE_PRICING,
} from '@data-enclave/plugin-enclave-common';
import { synthesizeEnvironment } from './synthesizeEnvironment';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

describe('cost estimate coverage of the synthesized stack', () => {
  let outDir: string;
  let resources: Resources;
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'enclave-cost-'));
    const spec = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../../../examples/environment.json'),
        'utf8',
      ),
    );
    const { summary } = synthesizeEnvironment(spec, outDir);
    resources = JSON.parse(readFileSync(summary.file, 'utf8')).resource;
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const all = (type: string) => Object.values(resources[type] ?? {});

  it('has a price, or a reason it is free, for every resource type the stack creates', () => {
    const missing = Object.keys(resources).filter(
      type => !(type in STACK_RESOURCE_PRICING),
    );
    expect(missing).toEqual([]);
  });

  it('multiplies by the stack’s own counts', () => {
    const endpoints = all('aws_vpc_endpoint');
    const interfaces = endpoints.filter(
      e => e.vpc_endpoint_type === 'Interface',
    );
    expect(interfaces).toHaveLength(STACK_COST_SHAPE.interfaceEndpoints);
    for (const endpoint of interfaces) {
      expect(endpoint.subnet_ids).toHaveLength(
        STACK_COST_SHAPE.availabilityZones,
      );
    }
    expect(
      endpoints.filter(e => e.vpc_endpoint_type === 'Gateway'),
    ).toHaveLength(STACK_COST_SHAPE.gatewayEndpoints);
    expect(all('aws_subnet')).toHaveLength(STACK_COST_SHAPE.availabilityZones);
    expect(all('aws_kms_key')).toHaveLength(STACK_COST_SHAPE.kmsKeys);
    expect(all('aws_secretsmanager_secret')).toHaveLength(
      STACK_COST_SHAPE.stackSecrets,
    );
    const domains = all('aws_route53_resolver_firewall_domain_list').flatMap(
      list => list.domains as string[],
    );
    expect(domains).toHaveLength(STACK_COST_SHAPE.dnsFirewallDomains);
    expect(all('aws_directory_service_directory')).toHaveLength(1);
    expect(all('aws_directory_service_directory')[0].edition).toBe('Standard');
  });
});
