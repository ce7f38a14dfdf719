/*
 * What makes the enclave usable: a person at a WorkSpace reaches the Spark
 * applications on the EMR primary node. The primary group is EMR-managed and
 * otherwise admits only the cluster and the EMR service, so this construct
 * adds one ingress rule per desktop-facing port of the enabled applications
 * (awsFacts/emrApplicationPorts.ts, from the EMR "Service ports" page), each
 * from the WorkSpaces custom security group and nothing else. G2 stays whole
 * (a group of this stack is the only source) and function check F1 proves
 * that exactly these ports are open.
 *
 * The WorkSpaces group's egress is bounded too (workspacesDirectory.ts), so
 * the matching egress rule per port, to the primary group, is added here: a
 * desktop can send to the primary node on these ports and on no other. F1
 * checks both sides.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { emrApplicationPortsFor } from '../awsFacts';
import { ConstructPropsError, requireNonEmpty } from './assertProps';

export interface EnclaveDesktopAccessProps {
  /** The WorkSpaces custom security group id (the only source admitted). */
  desktopSecurityGroupId: string;
  /** The EMR primary node's security group id. */
  emrPrimarySecurityGroupId: string;
  /** The cluster's applications (`emr.applications`); must open at least one port. */
  applications: readonly string[];
}

export class EnclaveDesktopAccess extends Construct {
  /** One rule per application port, in EMR_APPLICATION_PORTS order. */
  readonly rules: VpcSecurityGroupIngressRule[];
  /** The desktop side: one egress rule per application port, same order. */
  readonly egressRules: VpcSecurityGroupEgressRule[];

  constructor(scope: Construct, id: string, props: EnclaveDesktopAccessProps) {
    super(scope, id);
    const name = 'EnclaveDesktopAccess';
    requireNonEmpty(
      name,
      'desktopSecurityGroupId',
      props.desktopSecurityGroupId,
    );
    requireNonEmpty(
      name,
      'emrPrimarySecurityGroupId',
      props.emrPrimarySecurityGroupId,
    );
    const ports = emrApplicationPortsFor(props.applications);
    if (ports.length === 0) {
      throw new ConstructPropsError(
        name,
        'applications',
        `open no desktop-facing port (got ${props.applications.join(
          ', ',
        )}); include Spark`,
      );
    }
    this.rules = ports.map(
      p =>
        new VpcSecurityGroupIngressRule(
          this,
          `${p.application.toLowerCase()}-${p.port}`,
          {
            securityGroupId: props.emrPrimarySecurityGroupId,
            referencedSecurityGroupId: props.desktopSecurityGroupId,
            ipProtocol: p.protocol,
            fromPort: p.port,
            toPort: p.port,
            description: `${p.service} (${p.application}) from the desktops`,
          },
        ),
    );

    this.egressRules = ports.map(
      p =>
        new VpcSecurityGroupEgressRule(
          this,
          `desktop-to-${p.application.toLowerCase()}-${p.port}`,
          {
            securityGroupId: props.desktopSecurityGroupId,
            referencedSecurityGroupId: props.emrPrimarySecurityGroupId,
            ipProtocol: p.protocol,
            fromPort: p.port,
            toPort: p.port,
            description: `${p.service} (${p.application}) on the EMR primary`,
          },
        ),
    );
  }
}
