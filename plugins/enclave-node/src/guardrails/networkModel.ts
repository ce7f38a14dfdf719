/*
 * Network facts several rules share: the VPC's address space, which gateway
 * endpoints exist (their prefix lists are the only allowed non-VPC egress
 * destinations), every route in the document and which routes a subnet uses.
 */
import { Cidr, coversWholeInternet, parseCidr } from './cidr';
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import type { AttributeState, JsonObject } from './values';
import { asBlocks } from './values';

/** Every IPv4/IPv6 block that belongs to a VPC in the document. */
export function vpcCidrs(doc: TerraformDocument): Cidr[] {
  const blocks: Cidr[] = [];
  const add = (state: AttributeState) => {
    if (state.kind === 'literal' && typeof state.value === 'string') {
      const cidr = parseCidr(state.value);
      if (cidr) blocks.push(cidr);
    }
  };
  for (const vpc of doc.ofType('aws_vpc')) {
    add(doc.attribute(vpc, 'cidr_block'));
    add(doc.attribute(vpc, 'ipv6_cidr_block'));
  }
  for (const assoc of doc.ofTypes([
    'aws_vpc_ipv4_cidr_block_association',
    'aws_vpc_ipv6_cidr_block_association',
  ])) {
    add(doc.attribute(assoc, 'cidr_block'));
    add(doc.attribute(assoc, 'ipv6_cidr_block'));
  }
  return blocks;
}

/** True when the value is `${aws_vpc_endpoint.<gateway>.prefix_list_id}` of a gateway endpoint here. */
export function isGatewayEndpointPrefixList(
  doc: TerraformDocument,
  value: unknown,
  from?: TerraformResource,
): boolean {
  const endpoint = doc.referencedResource(value, ['aws_vpc_endpoint'], from);
  if (!endpoint) return false;
  const type = doc.attribute(endpoint, 'vpc_endpoint_type');
  return (
    type.kind === 'literal' && String(type.value).toLowerCase() === 'gateway'
  );
}

/** Route targets that leave the VPC (everything except a VPC endpoint and `local`). */
export const ROUTE_TARGET_ATTRIBUTES = [
  'gateway_id',
  'nat_gateway_id',
  'egress_only_gateway_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'carrier_gateway_id',
  'core_network_arn',
  'local_gateway_id',
  'network_interface_id',
  'instance_id',
  'vpc_endpoint_id',
] as const;

export interface RouteEntry {
  /** Address of the route resource, or of the table for an inline route. */
  address: string;
  /** Where the route lives (for messages), e.g. `route[0]`. */
  where: string;
  /** The resource that declares it (for resolving references). */
  declaredIn: TerraformResource;
  /** The route table address, when known. */
  table?: string;
  destinations: { attribute: string; state: AttributeState }[];
  targets: { attribute: string; state: AttributeState; raw: unknown }[];
}

/** All routes: `aws_route` resources and inline `route` blocks of route tables. */
export function collectRoutes(doc: TerraformDocument): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const entry = (
    resource: TerraformResource,
    body: JsonObject,
    where: string,
    table: string | undefined,
  ): RouteEntry => ({
    address: resource.address,
    where,
    declaredIn: resource,
    table,
    destinations: [
      'destination_cidr_block',
      'destination_ipv6_cidr_block',
      'cidr_block',
      'ipv6_cidr_block',
    ]
      .filter(a => body[a] !== undefined && body[a] !== null && body[a] !== '')
      .map(attribute => ({
        attribute,
        state: doc.resolve(body[attribute], resource),
      })),
    targets: ROUTE_TARGET_ATTRIBUTES.filter(
      a => body[a] !== undefined && body[a] !== null && body[a] !== '',
    ).map(attribute => ({
      attribute,
      raw: body[attribute],
      state: doc.resolve(body[attribute], resource),
    })),
  });
  for (const route of doc.ofType('aws_route')) {
    const table = doc.find(
      doc.referencedResource(
        route.values.route_table_id,
        ['aws_route_table', 'aws_default_route_table'],
        route,
      )?.address ?? '',
    );
    routes.push(entry(route, route.values, '', table?.address));
  }
  for (const table of doc.ofTypes([
    'aws_route_table',
    'aws_default_route_table',
  ])) {
    asBlocks(table.values.route).forEach((block, index) =>
      routes.push(entry(table, block, `route[${index}]`, table.address)),
    );
  }
  return routes;
}

/** Why a route leaves the VPC, or undefined when it provably stays inside. */
export function routeProblem(
  doc: TerraformDocument,
  route: RouteEntry,
): string | undefined {
  for (const destination of route.destinations) {
    if (destination.state.kind !== 'literal') {
      return `has a ${destination.attribute} that is not a literal CIDR, so it may be a default route`;
    }
    const cidr = parseCidr(String(destination.state.value));
    if (!cidr)
      return `has a ${destination.attribute} "${destination.state.value}" that is not a CIDR`;
    if (coversWholeInternet([cidr])) {
      return `is a default route (${cidr.text}), a path to the internet`;
    }
  }
  for (const target of route.targets) {
    if (
      target.attribute === 'gateway_id' &&
      target.state.kind === 'literal' &&
      target.state.value === 'local'
    ) {
      continue;
    }
    if (target.attribute === 'vpc_endpoint_id') {
      if (
        doc.referencedResource(
          target.raw,
          ['aws_vpc_endpoint'],
          route.declaredIn,
        )
      )
        continue;
      return 'has a vpc_endpoint_id that is not a VPC endpoint of this stack';
    }
    return `targets ${target.attribute} = ${
      target.state.kind === 'expression'
        ? target.state.expression
        : JSON.stringify(
            target.state.kind === 'literal'
              ? target.state.value
              : '(known after apply)',
          )
    }, which leads out of the VPC`;
  }
  return undefined;
}

/** Route tables a subnet uses: its explicit association, else the VPC's main table. */
export function routeTablesForSubnet(
  doc: TerraformDocument,
  subnet: TerraformResource,
): string[] {
  const tables = doc
    .ofType('aws_route_table_association')
    .filter(
      a =>
        doc.referencedResource(a.values.subnet_id, ['aws_subnet'], a)
          ?.address === subnet.address,
    )
    .map(
      a =>
        doc.referencedResource(
          a.values.route_table_id,
          ['aws_route_table', 'aws_default_route_table'],
          a,
        )?.address,
    )
    .filter((a): a is string => a !== undefined);
  if (tables.length > 0) return tables;
  // No association: the VPC's main route table applies.
  const vpc = doc.referencedResource(subnet.values.vpc_id, ['aws_vpc'], subnet);
  return [
    ...doc
      .ofType('aws_default_route_table')
      .filter(t => {
        const owner = doc.referencedResource(
          t.values.default_route_table_id,
          ['aws_vpc'],
          t,
        );
        return owner !== undefined && owner.address === vpc?.address;
      })
      .map(t => t.address),
    ...doc
      .ofType('aws_main_route_table_association')
      .filter(
        m =>
          doc.referencedResource(m.values.vpc_id, ['aws_vpc'], m)?.address ===
          vpc?.address,
      )
      .map(
        m =>
          doc.referencedResource(
            m.values.route_table_id,
            ['aws_route_table'],
            m,
          )?.address,
      )
      .filter((a): a is string => a !== undefined),
  ];
}
