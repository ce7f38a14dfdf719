/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { EnclaveDesktopAccess } from './desktopAccess';
import { ConstructPropsError } from './assertProps';
import { resourcesOfType, synthConstruct } from './__testUtils__/synthJson';

describe('EnclaveDesktopAccess', () => {
  const synth = (applications: string[]) =>
    synthConstruct(scope => {
      new EnclaveDesktopAccess(scope, 'desktop-access', {
        desktopSecurityGroupId: 'sg-desktop',
        emrPrimarySecurityGroupId: 'sg-primary',
        applications,
      });
    });

  it('opens exactly the desktop-facing port of each enabled application, from the desktop group only', () => {
    const rules = resourcesOfType(
      synth(['Spark', 'Livy', 'JupyterEnterpriseGateway', 'Hadoop']),
      'aws_vpc_security_group_ingress_rule',
    );
    // cdk.tf.json orders resources by logical id; compare by port.
    expect(
      rules
        .sort((a, b) => a.from_port - b.from_port)
        .map(r => [
          r.security_group_id,
          r.referenced_security_group_id,
          r.ip_protocol,
          r.from_port,
          r.to_port,
        ]),
    ).toEqual([
      ['sg-primary', 'sg-desktop', 'tcp', 8088, 8088],
      ['sg-primary', 'sg-desktop', 'tcp', 8998, 8998],
      ['sg-primary', 'sg-desktop', 'tcp', 9547, 9547],
      ['sg-primary', 'sg-desktop', 'tcp', 18080, 18080],
    ]);
    for (const rule of rules) {
      expect(rule.cidr_ipv4).toBeUndefined();
    }
  });

  it('lets the desktop group send to the primary group on the same ports, and no others', () => {
    const egress = resourcesOfType(
      synth(['Spark', 'Livy']),
      'aws_vpc_security_group_egress_rule',
    );
    expect(
      egress
        .map(r => [
          r.security_group_id,
          r.referenced_security_group_id,
          r.ip_protocol,
          r.from_port,
          r.to_port,
        ])
        .sort(),
    ).toEqual([
      ['sg-desktop', 'sg-primary', 'tcp', 18080, 18080],
      ['sg-desktop', 'sg-primary', 'tcp', 8998, 8998],
    ]);
  });

  it('opens only Spark history for a Spark-only cluster, and refuses applications without a port', () => {
    expect(
      resourcesOfType(
        synth(['Spark']),
        'aws_vpc_security_group_ingress_rule',
      ).map(r => r.from_port),
    ).toEqual([18080]);
    expect(() => synth(['Hive'])).toThrow(ConstructPropsError);
    expect(() => synth(['Hive'])).toThrow(/applications/);
  });
});
