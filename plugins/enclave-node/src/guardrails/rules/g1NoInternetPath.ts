/*
 * G1: no internet path.
 *
 * Unknown and reference values:
 *  - a forbidden resource type is a finding whatever its values;
 *  - a route destination must be a literal CIDR (a reference that resolves to
 *    one is fine); an unknown destination is a finding, since it may be
 *    0.0.0.0/0. Destinations of one route table are also judged together, so
 *    `0.0.0.0/1` + `128.0.0.0/1` is a default route;
 *  - a route target must be `gateway_id = "local"` or a `vpc_endpoint_id` that
 *    refers to an aws_vpc_endpoint of this document; any other target, known
 *    or not, leads out of the VPC;
 *  - `map_public_ip_on_launch` / `associate_public_ip_address` must be absent or
 *    literal false; unknown is a finding.
 */
import { Cidr, coversWholeInternet, parseCidr } from '../cidr';
import { describeState } from '../describe';
import { collectRoutes, routeProblem } from '../networkModel';
import type { GuardrailRule, RuleFinding } from '../types';
import { asBlocks } from '../values';

/** Resource types that are, or attach, a path between the VPC and anything outside it. */
const FORBIDDEN_TYPES: Record<string, string> = {
  aws_internet_gateway: 'an internet gateway',
  aws_internet_gateway_attachment: 'an internet gateway attachment',
  aws_egress_only_internet_gateway:
    'an egress-only internet gateway (IPv6 internet egress)',
  aws_nat_gateway: 'a NAT gateway',
  aws_eip: 'an Elastic IP address',
  aws_eip_association: 'an Elastic IP association',
  aws_vpc_peering_connection: 'a VPC peering connection',
  aws_vpc_peering_connection_accepter: 'a VPC peering connection accepter',
  aws_vpn_gateway: 'a VPN gateway',
  aws_vpn_gateway_attachment: 'a VPN gateway attachment',
  aws_vpn_connection: 'a site-to-site VPN connection',
  aws_customer_gateway: 'a customer gateway',
  aws_ec2_transit_gateway: 'a transit gateway',
  aws_ec2_transit_gateway_vpc_attachment: 'a transit gateway attachment',
  aws_ec2_carrier_gateway: 'a carrier gateway',
  aws_dx_gateway_association: 'a Direct Connect gateway association',
  aws_default_vpc: 'the account default VPC (it has an internet gateway)',
  aws_default_subnet: 'a default subnet (it assigns public IPs)',
  aws_globalaccelerator_accelerator:
    'a Global Accelerator (public entry point)',
};

const PUBLIC_IP_FLAGS: [string, string][] = [
  ['aws_subnet', 'map_public_ip_on_launch'],
  ['aws_instance', 'associate_public_ip_address'],
];

export const g1NoInternetPath: GuardrailRule = {
  id: 'G1',
  title: 'No internet path',
  rationale:
    'Data can only leave through a network path, so the VPC has no internet, NAT, egress-only, VPN, peering or transit gateway, no default route and no public IPs.',
  check({ doc }) {
    const findings: RuleFinding[] = [];

    for (const resource of doc.managedResources) {
      const what = FORBIDDEN_TYPES[resource.type];
      if (what || resource.type.startsWith('aws_ec2_transit_gateway')) {
        findings.push({
          address: resource.address,
          problem: `${
            what ?? 'a transit gateway resource'
          } gives the enclave a path out of the VPC`,
          fix: `remove ${resource.address}; the enclave reaches AWS services only through VPC endpoints`,
        });
      }
    }

    const routes = collectRoutes(doc);
    for (const route of routes) {
      const problem = routeProblem(doc, route);
      if (problem) {
        findings.push({
          address: route.address,
          problem: `${
            route.where ? `inline ${route.where}` : 'the route'
          } ${problem}`,
          fix: 'remove the route; private route tables hold only the local route and gateway endpoint routes',
        });
      }
    }

    // Several narrower routes in one table can add up to a default route.
    const byTable = new Map<string, Cidr[]>();
    for (const route of routes) {
      if (!route.table) continue;
      for (const d of route.destinations) {
        const cidr =
          d.state.kind === 'literal'
            ? parseCidr(String(d.state.value))
            : undefined;
        if (cidr)
          byTable.set(route.table, [...(byTable.get(route.table) ?? []), cidr]);
      }
    }
    for (const [table, cidrs] of byTable) {
      const family = coversWholeInternet(cidrs);
      if (family && !cidrs.some(c => coversWholeInternet([c]))) {
        findings.push({
          address: table,
          problem: `its routes ${cidrs
            .map(c => c.text)
            .join(', ')} together cover the whole ${
            family === 'ipv4' ? 'IPv4' : 'IPv6'
          } internet`,
          fix: 'remove the routes; a private route table needs no route beyond the VPC',
        });
      }
    }

    for (const [type, attribute] of PUBLIC_IP_FLAGS) {
      for (const resource of doc.ofType(type)) {
        const state = doc.attribute(resource, attribute);
        if (
          state.kind === 'absent' ||
          (state.kind === 'literal' && state.value === false)
        )
          continue;
        findings.push({
          address: resource.address,
          problem: `${attribute} is ${describeState(
            state,
          )}; it must be false so nothing gets a public IP`,
          fix: `set ${attribute} = false`,
        });
      }
    }
    for (const template of doc.ofType('aws_launch_template')) {
      asBlocks(template.values.network_interfaces).forEach((nic, index) => {
        const state = doc.resolve(nic.associate_public_ip_address, template);
        if (
          state.kind === 'absent' ||
          (state.kind === 'literal' &&
            (state.value === false ||
              state.value === 'false' ||
              state.value === ''))
        ) {
          return;
        }
        findings.push({
          address: template.address,
          problem: `network_interfaces[${index}].associate_public_ip_address is ${describeState(
            state,
          )}`,
          fix: 'set associate_public_ip_address = false',
        });
      });
    }
    return { findings, relaxations: [] };
  },
};
