/*
 * G5: a DNS firewall allows AWS service domains and the directory name, and
 * blocks everything else.
 *
 * The AWS suffixes are the shared fact in awsFacts/dnsDomains.ts (the stack
 * writes the same list). The directory is allowed as one name, never with its
 * subdomains (`*.<domain>`): the domain controllers answer those, and a public
 * directory domain would otherwise open a tunnel to its name servers.
 *
 * Unknown and reference values:
 *  - associations, rules and domain lists are followed through references
 *    (`${aws_route53_resolver_firewall_rule_group.g.id}`); a rule whose group,
 *    domain list, action or priority cannot be followed to a literal is a
 *    finding, because the order of evaluation cannot be proven;
 *  - domains must be literal (a reference to the directory's `name` resolves);
 *  - forward rules must target literal IPs inside the VPC, or the directory's
 *    DNS addresses by reference.
 */
import {
  AWS_SERVICE_DOMAIN_SUFFIXES,
  isWithinDomain,
  normalizeDomain,
} from '../../awsFacts';
import { isCoveredBy, parseCidr } from '../cidr';
import { describeState } from '../describe';
import { vpcCidrs } from '../networkModel';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';
import { asBlocks, asList } from '../values';

interface FirewallRule {
  resource: TerraformResource;
  action?: string;
  priority?: number;
  domains?: string[];
  problem?: string;
}

function readRule(ctx: RuleContext, rule: TerraformResource): FirewallRule {
  const { doc } = ctx;
  const action = doc.attribute(rule, 'action');
  const priority = doc.attribute(rule, 'priority');
  const list = doc.referencedResource(
    rule.values.firewall_domain_list_id,
    ['aws_route53_resolver_firewall_domain_list'],
    rule,
  );
  if (
    action.kind !== 'literal' ||
    priority.kind !== 'literal' ||
    Number.isNaN(Number(priority.value))
  ) {
    return {
      resource: rule,
      problem: `action ${describeState(action)} / priority ${describeState(
        priority,
      )} must be literal`,
    };
  }
  if (!list) {
    return {
      resource: rule,
      problem: `its domain list ${describeState(
        doc.attribute(rule, 'firewall_domain_list_id'),
      )} is not a domain list of this stack`,
    };
  }
  const domains: string[] = [];
  for (const raw of asList(list.values.domains)) {
    const state = doc.resolve(raw, list);
    if (state.kind !== 'literal' || typeof state.value !== 'string') {
      return {
        resource: rule,
        problem: `domain list ${list.address} holds ${describeState(
          state,
        )}, which is not a literal domain`,
      };
    }
    domains.push(state.value);
  }
  return {
    resource: rule,
    action: String(action.value).toUpperCase(),
    priority: Number(priority.value),
    domains,
  };
}

function directoryDomains(ctx: RuleContext): string[] {
  return ctx.doc
    .ofTypes(['aws_directory_service_directory'])
    .map(d => ctx.doc.attribute(d, 'name'))
    .flatMap(s =>
      s.kind === 'literal' && typeof s.value === 'string' ? [s.value] : [],
    );
}

export const g5DnsFirewall: GuardrailRule = {
  id: 'G5',
  title: 'DNS firewall allows only AWS and the directory',
  rationale:
    'With no network route out, DNS queries are the remaining covert channel, so a Route 53 Resolver DNS Firewall on the VPC answers only AWS service names and the directory domain and blocks everything else.',
  check(ctx) {
    const { doc, config } = ctx;
    const findings: RuleFinding[] = [];
    const relaxations = config.allowedExtraDomains.length
      ? [
          `G5 relaxed by config: dataEnclave.guardrails.allowedExtraDomains also allows ${config.allowedExtraDomains.join(
            ', ',
          )}`,
        ]
      : [];
    const allowed: AllowedDomains = {
      bases: [...AWS_SERVICE_DOMAIN_SUFFIXES, ...config.allowedExtraDomains],
      exact: directoryDomains(ctx).map(normalizeDomain),
    };

    const associations = doc.ofType(
      'aws_route53_resolver_firewall_rule_group_association',
    );
    for (const vpc of doc.ofType('aws_vpc')) {
      const groups = associations
        .filter(
          a =>
            doc.referencedResource(a.values.vpc_id, ['aws_vpc'], a)?.address ===
            vpc.address,
        )
        .map(a =>
          doc.referencedResource(
            a.values.firewall_rule_group_id,
            ['aws_route53_resolver_firewall_rule_group'],
            a,
          ),
        )
        .filter((g): g is TerraformResource => g !== undefined);
      if (groups.length === 0) {
        findings.push({
          address: vpc.address,
          problem:
            'no DNS firewall rule group of this stack is associated with the VPC',
          fix: 'add aws_route53_resolver_firewall_rule_group_association linking the enclave rule group to this VPC',
        });
        continue;
      }
      for (const group of groups) {
        findings.push(...checkGroup(ctx, group, allowed));
      }
    }

    for (const fwConfig of doc.ofType('aws_route53_resolver_firewall_config')) {
      const failOpen = doc.attribute(fwConfig, 'firewall_fail_open');
      if (
        failOpen.kind === 'literal' &&
        String(failOpen.value).toUpperCase() === 'ENABLED'
      ) {
        findings.push({
          address: fwConfig.address,
          problem:
            'firewall_fail_open is ENABLED, so queries pass unfiltered whenever the firewall is impaired',
          fix: 'set firewall_fail_open = "DISABLED"',
        });
      }
    }

    const vpc = vpcCidrs(doc);
    for (const rule of doc.ofType('aws_route53_resolver_rule')) {
      const type = doc.attribute(rule, 'rule_type');
      if (
        !(
          type.kind === 'literal' &&
          String(type.value).toUpperCase() === 'FORWARD'
        )
      )
        continue;
      for (const target of asBlocks(rule.values.target_ip)) {
        const ip = doc.resolve(target.ip, rule);
        const viaDirectory =
          ip.kind === 'expression' &&
          ip.references.some(
            r =>
              doc.find(r.address, rule)?.type ===
              'aws_directory_service_directory',
          );
        const cidr =
          ip.kind === 'literal' ? parseCidr(`${ip.value}/32`) : undefined;
        if (viaDirectory || (cidr && isCoveredBy(cidr, vpc))) continue;
        findings.push({
          address: rule.address,
          problem: `it forwards DNS queries to ${describeState(
            ip,
          )}, outside the VPC`,
          fix: 'forward only to resolvers inside the VPC (e.g. the directory DNS addresses)',
        });
      }
    }
    return { findings, relaxations };
  },
};

/** Suffixes allowed with their subdomains, and names allowed exactly. */
interface AllowedDomains {
  bases: string[];
  exact: string[];
}

function checkGroup(
  ctx: RuleContext,
  group: TerraformResource,
  allowed: AllowedDomains,
): RuleFinding[] {
  const { doc } = ctx;
  const findings: RuleFinding[] = [];
  const rules = doc
    .ofType('aws_route53_resolver_firewall_rule')
    .filter(
      r =>
        doc.referencedResource(
          r.values.firewall_rule_group_id,
          ['aws_route53_resolver_firewall_rule_group'],
          r,
        )?.address === group.address,
    )
    .map(r => readRule(ctx, r));

  for (const rule of rules) {
    if (rule.problem) {
      findings.push({
        address: rule.resource.address,
        problem: `DNS firewall rule cannot be verified: ${rule.problem}`,
        fix: 'use literal actions and priorities and a domain list of this stack',
      });
    }
  }
  const readable = rules.filter(r => !r.problem);
  const allows = readable.filter(r => r.action === 'ALLOW');
  for (const allow of allows) {
    for (const domain of allow.domains ?? []) {
      const name = normalizeDomain(domain);
      if (name === '*' || name === '') {
        findings.push({
          address: allow.resource.address,
          problem: 'an ALLOW rule matches every domain ("*")',
          fix: 'allow only AWS service domains and the directory domain; "*" belongs in the final BLOCK rule',
        });
      } else if (allowed.bases.some(base => isWithinDomain(name, base))) {
        continue;
      } else if (allowed.exact.includes(name)) {
        continue;
      } else if (allowed.exact.some(dir => isWithinDomain(name, dir))) {
        findings.push({
          address: allow.resource.address,
          problem: `an ALLOW rule admits "${domain}", a subdomain pattern of the directory domain; the domain controllers answer those names, and through the Resolver they would carry a DNS tunnel if the domain were public`,
          fix: 'allow only the directory name itself; remove the subdomain entry',
        });
      } else {
        findings.push({
          address: allow.resource.address,
          problem: `an ALLOW rule admits "${domain}", which is neither an AWS service domain nor the directory domain`,
          fix: 'remove the domain, or have the platform team list it in dataEnclave.guardrails.allowedExtraDomains',
        });
      }
    }
  }
  const catchAll = readable.filter(
    r =>
      r.action === 'BLOCK' &&
      (r.domains ?? []).some(d => normalizeDomain(d) === '*'),
  );
  // Order does not matter for safety: a BLOCK "*" evaluated early blocks more.
  if (catchAll.length === 0) {
    findings.push({
      address: group.address,
      problem:
        'the rule group has no BLOCK rule for "*", so domains it does not list still resolve',
      fix: 'add a BLOCK rule with a domain list of "*" and a priority higher than every ALLOW rule',
    });
  }
  return findings;
}
