/*
 * Route 53 Resolver DNS Firewall (guardrail G5). Without internet egress, DNS
 * is the remaining covert channel (tunnelling data in query names to an
 * attacker's authoritative server). The firewall answers only AWS service
 * names and EC2 internal host names (awsFacts/dnsDomains.ts) and the
 * environment's directory name; every other name gets NODATA. The VPC fails
 * closed if the firewall is down.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { AWS_SERVICE_FIREWALL_DOMAINS, firewallDomain } from '../awsFacts';
import { ConstructPropsError, requireNonEmpty } from './assertProps';

export interface EnclaveDnsFirewallProps {
  namePrefix: string;
  vpcId: string;
  /** The directory's DNS name; the name itself is allowed, its subdomains are not. */
  directoryDomain: string;
  /**
   * Extra allowed domains from `dataEnclave.guardrails.allowedExtraDomains`.
   * Default none. Each is a reported relaxation of G5.
   */
  allowedExtraDomains?: readonly string[];
  /** Rule group association priority (101–9899). Default 1000. */
  associationPriority?: number;
}

const DOMAIN_PATTERN = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+\.?$/i;

export class EnclaveDnsFirewall extends Construct {
  readonly allowList: Route53ResolverFirewallDomainList;
  readonly blockList: Route53ResolverFirewallDomainList;
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;
  readonly association: Route53ResolverFirewallRuleGroupAssociation;
  /** The allowed domains, in the order written. */
  readonly allowedDomains: string[];

  constructor(scope: Construct, id: string, props: EnclaveDnsFirewallProps) {
    super(scope, id);
    const name = 'EnclaveDnsFirewall';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    requireNonEmpty(name, 'vpcId', props.vpcId);
    requireNonEmpty(name, 'directoryDomain', props.directoryDomain);
    for (const domain of [
      props.directoryDomain,
      ...(props.allowedExtraDomains ?? []),
    ]) {
      if (!DOMAIN_PATTERN.test(domain) || domain === '*' || domain === '*.') {
        throw new ConstructPropsError(
          name,
          'allowedExtraDomains/directoryDomain',
          `has '${domain}', which is not a domain name (an optional leading '*.' is allowed; '*' alone is not)`,
        );
      }
    }
    const associationPriority = props.associationPriority ?? 1000;
    if (associationPriority <= 100 || associationPriority >= 9900) {
      throw new ConstructPropsError(
        name,
        'associationPriority',
        'must be between 101 and 9899',
      );
    }

    this.allowedDomains = [
      ...new Set([
        ...AWS_SERVICE_FIREWALL_DOMAINS,
        // The directory name itself only, never `*.<domain>`: see
        // awsFacts/dnsDomains.ts for why subdomains stay blocked.
        firewallDomain(props.directoryDomain),
        ...(props.allowedExtraDomains ?? []).map(firewallDomain),
      ]),
    ];
    this.allowList = new Route53ResolverFirewallDomainList(this, 'allow-list', {
      name: `${props.namePrefix}-allow`,
      domains: this.allowedDomains,
    });
    this.blockList = new Route53ResolverFirewallDomainList(this, 'block-list', {
      name: `${props.namePrefix}-block-all`,
      domains: ['*'],
    });
    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'rule-group', {
      name: `${props.namePrefix}-dns`,
    });
    new Route53ResolverFirewallRule(this, 'allow-rule', {
      name: 'allow-aws-and-directory',
      firewallRuleGroupId: this.ruleGroup.id,
      firewallDomainListId: this.allowList.id,
      action: 'ALLOW',
      priority: 100,
    });
    new Route53ResolverFirewallRule(this, 'block-rule', {
      name: 'block-everything-else',
      firewallRuleGroupId: this.ruleGroup.id,
      firewallDomainListId: this.blockList.id,
      action: 'BLOCK',
      blockResponse: 'NODATA',
      priority: 200,
    });
    this.association = new Route53ResolverFirewallRuleGroupAssociation(
      this,
      'association',
      {
        name: `${props.namePrefix}-dns`,
        firewallRuleGroupId: this.ruleGroup.id,
        vpcId: props.vpcId,
        priority: associationPriority,
        // ENABLED would also block our own decommission (terraform destroy).
        mutationProtection: 'DISABLED',
      },
    );
    // Fail closed: if the firewall cannot evaluate a query, the query fails.
    new Route53ResolverFirewallConfig(this, 'fail-closed', {
      resourceId: props.vpcId,
      firewallFailOpen: 'DISABLED',
    });
  }
}
