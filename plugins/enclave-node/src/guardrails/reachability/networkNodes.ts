/*
 * The places traffic starts and ends in an enclave, read from the document:
 * a node is a set of security groups plus the subnets its interfaces sit in
 * (or, for a gateway endpoint, its prefix list; for the directory, the
 * AWS-created controller group, which is not in the document and is modelled
 * from its documented rules).
 */
import { emrClustersOf } from '../emrModel';
import { DIRECTORY_CONTROLLER_PORTS } from '../../awsFacts';
import { Cidr, parseCidr } from '../cidr';
import type {
  TerraformDocument,
  TerraformResource,
} from '../terraformDocument';
import { asBlocks, asList, getPath } from '../values';
import type { PortRange } from './ports';

export interface NetworkNode {
  /** What a person calls it: `desktop`, `EMR primary`, `kms endpoint`. */
  label: string;
  /** The resource that defines the node (for finding addresses). */
  address: string;
  /** What the report names the node by; default its first security group. */
  shownAs?: string;
  /** Addresses of the node's security groups in this document. */
  groups: string[];
  /** CIDRs of the subnets the node's interfaces use; undefined = not a literal. */
  subnets: (Cidr | undefined)[];
  /** For a gateway endpoint: its address (egress reaches it by prefix list). */
  prefixListOf?: string;
  /**
   * For the directory: its address. Its controllers are the members of the
   * AWS-created group the directory exports as `security_group_id`, so a rule
   * naming `${<address>.security_group_id}` reaches exactly them.
   */
  controllerGroupOf?: string;
  /**
   * Ingress that AWS manages outside the document (the directory's
   * controller group): what it admits from the VPC's CIDR.
   */
  managedIngressFromVpc?: readonly PortRange[];
}

const SG_TYPES = ['aws_security_group', 'aws_default_security_group'];

function groupAddresses(
  doc: TerraformDocument,
  values: unknown[],
  from: TerraformResource,
): string[] {
  return values
    .map(v => doc.referencedResource(v, SG_TYPES, from)?.address)
    .filter((a): a is string => a !== undefined);
}

function subnetCidrs(
  doc: TerraformDocument,
  ids: unknown[],
  from: TerraformResource,
): (Cidr | undefined)[] {
  return ids.map(id => {
    const subnet = doc.referencedResource(id, ['aws_subnet'], from);
    if (!subnet) return undefined;
    const cidr = doc.attribute(subnet, 'cidr_block');
    return cidr.kind === 'literal' && typeof cidr.value === 'string'
      ? parseCidr(cidr.value)
      : undefined;
  });
}

/** One desktop node per `aws_workspaces_directory` (its custom security group). */
export function desktopNodes(doc: TerraformDocument): NetworkNode[] {
  return doc.ofType('aws_workspaces_directory').map(directory => ({
    label: 'desktop',
    address: directory.address,
    groups: groupAddresses(
      doc,
      asList(
        getPath(directory.values, [
          'workspace_creation_properties',
          'custom_security_group_id',
        ]),
      ),
      directory,
    ),
    subnets: subnetCidrs(doc, asList(directory.values.subnet_ids), directory),
  }));
}

export interface EmrClusterNodes {
  cluster: TerraformResource;
  applications: string[];
  primary: NetworkNode;
  core: NetworkNode;
}

/** Additional groups are one comma-separated string in the provider schema. */
function additionalGroups(value: unknown): unknown[] {
  return typeof value === 'string' && !value.startsWith('${')
    ? value.split(',').map(s => s.trim())
    : asList(value);
}

export function emrClusterNodes(doc: TerraformDocument): EmrClusterNodes[] {
  return emrClustersOf(doc).map(cluster => {
    const ec2 = asBlocks(cluster.values.ec2_attributes)[0] ?? {};
    const subnets = subnetCidrs(
      doc,
      [...asList(ec2.subnet_id), ...asList(ec2.subnet_ids)],
      cluster,
    );
    const node = (
      label: string,
      managed: string,
      additional: string,
    ): NetworkNode => ({
      label,
      address: cluster.address,
      groups: groupAddresses(
        doc,
        [...asList(ec2[managed]), ...additionalGroups(ec2[additional])],
        cluster,
      ),
      subnets,
    });
    const apps = doc.attribute(cluster, 'applications');
    return {
      cluster,
      applications:
        apps.kind === 'literal' ? asList(apps.value).map(String) : [],
      primary: node(
        'EMR primary',
        'emr_managed_master_security_group',
        'additional_master_security_groups',
      ),
      core: node(
        'EMR core',
        'emr_managed_slave_security_group',
        'additional_slave_security_groups',
      ),
    };
  });
}

/** One node per Managed AD / Simple AD directory: its two controller subnets and its AWS-created controller group. */
export function directoryNodes(doc: TerraformDocument): NetworkNode[] {
  return doc.ofType('aws_directory_service_directory').map(directory => ({
    label: 'directory',
    address: directory.address,
    groups: [],
    subnets: subnetCidrs(
      doc,
      asList(getPath(directory.values, ['vpc_settings', 'subnet_ids'])),
      directory,
    ),
    managedIngressFromVpc: DIRECTORY_CONTROLLER_PORTS,
    controllerGroupOf: directory.address,
  }));
}

function endpointType(
  doc: TerraformDocument,
  endpoint: TerraformResource,
): string {
  const type = doc.attribute(endpoint, 'vpc_endpoint_type');
  return type.kind === 'literal' ? String(type.value).toLowerCase() : '';
}

function serviceLabel(doc: TerraformDocument, endpoint: TerraformResource) {
  const name = doc.attribute(endpoint, 'service_name');
  const service =
    name.kind === 'literal' ? String(name.value).split('.').pop() : undefined;
  return `${service ?? endpoint.name} endpoint`;
}

export function interfaceEndpointNodes(doc: TerraformDocument): NetworkNode[] {
  return doc
    .ofType('aws_vpc_endpoint')
    .filter(e => endpointType(doc, e) === 'interface')
    .map(endpoint => ({
      label: serviceLabel(doc, endpoint),
      address: endpoint.address,
      shownAs: endpoint.address,
      groups: groupAddresses(
        doc,
        asList(endpoint.values.security_group_ids),
        endpoint,
      ),
      subnets: subnetCidrs(doc, asList(endpoint.values.subnet_ids), endpoint),
    }));
}

export function gatewayEndpointNodes(doc: TerraformDocument): NetworkNode[] {
  return doc
    .ofType('aws_vpc_endpoint')
    .filter(e => endpointType(doc, e) === 'gateway')
    .map(endpoint => ({
      label: `${serviceLabel(doc, endpoint)} prefix list`,
      address: endpoint.address,
      groups: [],
      subnets: [],
      prefixListOf: endpoint.address,
    }));
}
