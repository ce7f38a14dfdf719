/*
 * The ports AWS Managed Microsoft AD domain controllers serve inside the VPC,
 * and from where. One fact, used by the function check F2 (desktop ->
 * directory) both as what the desktop must be able to send and as the
 * ingress of the AWS-created controller security group, which is not in the
 * Terraform document.
 *
 * Source: the botocore model of Directory Service,
 * botocore/data/ds/2015-04-16/service-2.json,
 * `AddIpRoutesRequest.UpdateSecurityGroupForDirectoryControllers`: the
 * inbound rules of the group "AWS created security group for <directory ID>
 * directory controllers", every one with source "Managed Microsoft AD VPC IPv4
 * CIDR". The same port list (DNS, Kerberos, NTP, RPC, LDAP, SMB, LDAPS,
 * global catalog, RPC ephemeral) is what "Step 2: Prepare your AWS Managed
 * Microsoft AD", AWS Directory Service Administration Guide
 * (https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_tutorial_setup_trust_prepare_mad.html)
 * requires for clients of the domain controllers; "AWS Managed Microsoft AD
 * prerequisites"
 * (https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_getting_started_create_directory.html)
 * places one controller in each of the directory's two subnets, so a client
 * must reach both subnets.
 * The model lists TCP 3268-33269 for the global catalog; that is a typo for
 * 3268-3269 (LDAP GC and GC over TLS), and 3268-3269 is what is kept here.
 * NetBIOS datagram (UDP 138) is listed for completeness of the group's rules;
 * ICMP is not modelled.
 */

export interface DirectoryPort {
  protocol: 'tcp' | 'udp';
  from: number;
  to: number;
  service: string;
}

export const DIRECTORY_CONTROLLER_PORTS: readonly DirectoryPort[] = [
  { protocol: 'tcp', from: 53, to: 53, service: 'DNS' },
  { protocol: 'udp', from: 53, to: 53, service: 'DNS' },
  { protocol: 'tcp', from: 88, to: 88, service: 'Kerberos' },
  { protocol: 'udp', from: 88, to: 88, service: 'Kerberos' },
  { protocol: 'udp', from: 123, to: 123, service: 'NTP' },
  { protocol: 'tcp', from: 135, to: 135, service: 'RPC endpoint mapper' },
  { protocol: 'udp', from: 138, to: 138, service: 'NetBIOS datagram' },
  { protocol: 'tcp', from: 389, to: 389, service: 'LDAP' },
  { protocol: 'udp', from: 389, to: 389, service: 'LDAP' },
  { protocol: 'tcp', from: 445, to: 445, service: 'SMB' },
  { protocol: 'udp', from: 445, to: 445, service: 'SMB' },
  { protocol: 'tcp', from: 464, to: 464, service: 'Kerberos password' },
  { protocol: 'udp', from: 464, to: 464, service: 'Kerberos password' },
  { protocol: 'tcp', from: 636, to: 636, service: 'LDAPS' },
  { protocol: 'tcp', from: 1024, to: 65535, service: 'RPC dynamic ports' },
  { protocol: 'tcp', from: 3268, to: 3269, service: 'Global catalog' },
];
