/*
 * The DNS names an enclave must resolve through the Route 53 Resolver, and the
 * one normaliser the DNS firewall construct and G5 both use.
 *
 * AWS domains:
 *  - `amazonaws.com`: every regional service endpoint; with private DNS on the
 *    interface endpoints these names resolve to the endpoint ENIs ("Access an
 *    AWS service using an interface VPC endpoint", AWS PrivateLink Guide,
 *    https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html);
 *  - `ec2.internal` (us-east-1) and `<region>.compute.internal` (other
 *    regions): EC2 private DNS host names, which EMR nodes use to find each
 *    other ("Amazon EC2 instance hostname types", Amazon EC2 User Guide,
 *    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-naming.html).
 *
 * A firewall domain `*.x` matches the subdomains of `x` but not `x` itself
 * ("Domain lists in DNS Firewall", Route 53 Developer Guide,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-domain-lists.html),
 * so each suffix is written both ways.
 *
 * The directory domain is allowed as a single name only, never `*.<domain>`:
 * WorkSpaces and the domain controllers answer it themselves (the controllers
 * are authoritative for it), so the Resolver never needs its subdomains, and if
 * a requester chose a real public domain, `*.<domain>` would let anything in the
 * VPC tunnel data to that domain's name servers in query names.
 */

/** Suffixes owned by AWS that the enclave resolves (no trailing dot). */
export const AWS_SERVICE_DOMAIN_SUFFIXES: readonly string[] = [
  'amazonaws.com',
  'ec2.internal',
  'compute.internal',
];

/** Lower case, trimmed, without the trailing dot: the form rules compare. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** The fully-qualified, trailing-dot form the DNS firewall stores. */
export function firewallDomain(domain: string): string {
  return `${normalizeDomain(domain)}.`;
}

/** Firewall entries for the AWS suffixes: `x.` and `*.x.` for each. */
export const AWS_SERVICE_FIREWALL_DOMAINS: readonly string[] =
  AWS_SERVICE_DOMAIN_SUFFIXES.flatMap(suffix => [
    firewallDomain(suffix),
    firewallDomain(`*.${suffix}`),
  ]);

/** True when `entry` (possibly `*.x`) is `base` or lies under it. */
export function isWithinDomain(entry: string, base: string): boolean {
  const name = normalizeDomain(entry).replace(/^\*\./, '');
  const root = normalizeDomain(base).replace(/^\*\./, '');
  return root !== '' && (name === root || name.endsWith(`.${root}`));
}
