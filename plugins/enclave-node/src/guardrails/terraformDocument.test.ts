/*
 * The normalizer on both shapes: a small hand-written cdk.tf.json and the
 * real `terraform show -json` of its plan (__fixtures__).
 */
import small from './__fixtures__/small.cdk.tf.json';
import smallPlan from './__fixtures__/small.plan.json';
import { TerraformDocumentError } from './documentErrors';
import { loadTerraformDocument, parseTerraformDocument } from './loadDocument';
import { UnknownValue } from './values';

describe('TerraformDocument', () => {
  const synth = loadTerraformDocument(small);
  const plan = loadTerraformDocument(smallPlan);

  it('reads the same resources from both shapes', () => {
    expect(synth.source).toBe('synth');
    expect(plan.source).toBe('plan');
    const addresses = (doc: typeof synth) =>
      doc.resources.map(r => r.address).sort();
    expect(addresses(plan)).toEqual(addresses(synth));
    expect(synth.find('data.aws_iam_policy_document.data')?.mode).toBe('data');
  });

  it('follows references to literal attributes in the same document', () => {
    for (const doc of [synth, plan]) {
      const group = doc.find('aws_security_group.app')!;
      const egress = doc.attribute(group, 'egress.0.cidr_blocks.0');
      expect(egress).toEqual({ kind: 'literal', value: '10.0.0.0/16' });
      const rule = doc.find('aws_vpc_security_group_ingress_rule.from_subnet')!;
      expect(doc.attribute(rule, 'cidr_ipv4')).toEqual({
        kind: 'literal',
        value: '10.0.1.0/24',
      });
    }
  });

  it('keeps references to computed attributes as expressions', () => {
    for (const doc of [synth, plan]) {
      const route = doc.find('aws_route.to_s3')!;
      const target = doc.attribute(route, 'vpc_endpoint_id');
      expect(target).toMatchObject({
        kind: 'expression',
        reference: { address: 'aws_vpc_endpoint.s3' },
      });
      expect(
        doc.referencedResource(
          route.values.vpc_endpoint_id,
          ['aws_vpc_endpoint'],
          route,
        )?.address,
      ).toBe('aws_vpc_endpoint.s3');
    }
  });

  it('takes unknown plan values from configuration and drops unconfigured computed ones', () => {
    const policy = plan.find('aws_s3_bucket_policy.data')!;
    expect(policy.values.policy).toBe(
      '${data.aws_iam_policy_document.data.json}',
    );
    expect(policy.computed).toEqual(['id']);
    // The data source's statement was partly unknown: it is read back whole from configuration.
    const data = plan.find('data.aws_iam_policy_document.data')!;
    expect(JSON.stringify(data.values.statement)).toContain(
      '${aws_vpc_endpoint.s3.id}',
    );
    // A security group that declares no ingress: computed, so it reads as not set.
    expect(plan.find('aws_security_group.app')!.values.ingress).toBeUndefined();
    expect(plan.find('aws_security_group.app')!.computed).toContain('ingress');
    expect(synth.find('aws_security_group.app')!.computed).toEqual([]);
  });

  it('reads provider default tags from both shapes', () => {
    for (const doc of [synth, plan]) {
      const provider = doc.providerFor(doc.find('aws_vpc.main')!);
      expect(JSON.stringify(provider?.values.default_tags)).toContain(
        'enclave:environment',
      );
    }
    expect(plan.find('aws_vpc.main')!.values.tags_all).toMatchObject({
      'enclave:environment': 'fixture',
    });
  });

  it('turns a reference-only (HCL) configuration expression into an unknown value', () => {
    const doc = loadTerraformDocument({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_route.r',
              mode: 'managed',
              type: 'aws_route',
              name: 'r',
              values: {},
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_route.r',
          change: {
            actions: ['create'],
            after: {},
            after_unknown: { gateway_id: true },
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_route.r',
              type: 'aws_route',
              expressions: {
                gateway_id: {
                  references: [
                    'aws_internet_gateway.igw.id',
                    'aws_internet_gateway.igw',
                  ],
                },
              },
            },
          ],
        },
      },
    });
    const route = doc.find('aws_route.r')!;
    expect(route.values.gateway_id).toBeInstanceOf(UnknownValue);
    expect(doc.attribute(route, 'gateway_id')).toEqual({
      kind: 'unknown',
      references: ['aws_internet_gateway.igw.id', 'aws_internet_gateway.igw'],
    });
  });

  it('treats ${…} inside known plan values as text (IAM policy variables)', () => {
    const doc = loadTerraformDocument({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_policy.p',
              mode: 'managed',
              type: 'aws_iam_policy',
              name: 'p',
              values: {
                policy: '{"Resource":"arn:aws:s3:::b/${aws:username}/*"}',
              },
            },
          ],
        },
      },
    });
    const policy = doc.find('aws_iam_policy.p')!;
    expect(doc.attribute(policy, 'policy')).toEqual({
      kind: 'literal',
      value: '{"Resource":"arn:aws:s3:::b/${aws:username}/*"}',
    });
  });

  it('finds resources in child modules with their module prefix', () => {
    const doc = loadTerraformDocument({
      format_version: '1.2',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.net',
              resources: [
                {
                  address: 'module.net.aws_vpc.v',
                  mode: 'managed',
                  type: 'aws_vpc',
                  name: 'v',
                  values: { cidr_block: '10.0.0.0/16' },
                },
                {
                  address: 'module.net.aws_subnet.s',
                  mode: 'managed',
                  type: 'aws_subnet',
                  name: 's',
                  values: {},
                },
              ],
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'module.net.aws_subnet.s',
          change: { after: {}, after_unknown: { cidr_block: true } },
        },
      ],
      configuration: {
        root_module: {
          module_calls: {
            net: {
              module: {
                resources: [
                  {
                    address: 'aws_subnet.s',
                    expressions: {
                      cidr_block: { constant_value: '${aws_vpc.v.cidr_block}' },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
    const subnet = doc.find('module.net.aws_subnet.s')!;
    expect(subnet.module).toBe('module.net.');
    expect(doc.attribute(subnet, 'cidr_block')).toEqual({
      kind: 'literal',
      value: '10.0.0.0/16',
    });
  });

  it('rejects input that is empty, not JSON or not Terraform, saying which', () => {
    const problem = (text: string) => {
      let caught: unknown;
      try {
        parseTerraformDocument(text);
      } catch (error) {
        caught = error;
      }
      if (!(caught instanceof TerraformDocumentError)) {
        throw new Error(`expected a TerraformDocumentError, got ${caught}`);
      }
      return `${caught.problem}: ${caught.message}`;
    };
    expect(problem('')).toMatch(/^empty: the file is empty/);
    expect(problem('{"resource": {}}')).toMatch(
      /^empty: the synthesized stack contains no resources/,
    );
    expect(problem('{"a":')).toMatch(/^not-terraform: invalid JSON/);
    expect(problem('[1,2]')).toMatch(
      /^not-terraform: not Terraform JSON: the top level is an array/,
    );
    expect(problem('{"name": "x"}')).toMatch(
      /^not-terraform: not Terraform JSON: found keys "name"/,
    );
    expect(problem('PK\u0003\u0004\u0000\u0000')).toMatch(
      /^not-terraform: the file is binary/,
    );
  });
});
