/*
 * Endpoint policies: a full data perimeter on every VPC endpoint (G3).
 *
 *  - Identity perimeter: only principals of the environment's account may use
 *    the endpoint (`aws:PrincipalAccount`), so credentials brought in from
 *    another account (or unsigned requests) cannot use the enclave's network.
 *  - Resource perimeter: those principals may only reach resources of the
 *    environment's account (`aws:ResourceAccount`), or of its organization
 *    (`aws:ResourceOrgID`) when the platform configures one. Without it, an
 *    own-account credential could put a value into a foreign secret, encrypt
 *    under a foreign key (the context lands in the other account's CloudTrail),
 *    assume a foreign role, or write to a foreign log group, parameter or bucket.
 *  - Narrower still for S3 (`ownResources: 'stack-buckets'` in the fact): the
 *    own-account statement names only the stack's buckets and their objects,
 *    so an own-account credential cannot copy the data to another bucket of
 *    the same account either (awsFacts/endpointServices.ts has the sources).
 *  - The exceptions (actions without a resource, AWS-owned resources read-only)
 *    come from `awsFacts/endpointServices.ts`, where each is justified with its
 *    source; they keep the identity perimeter, except the unsigned read of the
 *    AWS repository buckets (dnf and EMR fetch them without signing, so no
 *    principal key exists to match): s3:GetObject on those objects, nothing else.
 * Shape: aws-samples/data-perimeter-policy-examples `vpc_endpoint_policies/`,
 * narrowed from the organization to the account.
 */
import type { EndpointPolicyException, EndpointService } from '../awsFacts';
import { fillRegion } from '../awsFacts';
import { policyDocument } from './iamPolicy';

export interface PerimeterOptions {
  region: string;
  /** The environment account: the identity perimeter, and the resource perimeter without an org. */
  accountId: string;
  /** When set, the resource perimeter is this organization instead of the account. */
  organizationId?: string;
  /** Names of the buckets the stack creates: the S3 endpoint's own resources. */
  stackBucketNames: readonly string[];
}

/** `Resource` of the own-principals statement: the stack's buckets, or everything the conditions admit. */
function ownResources(
  service: EndpointService,
  options: PerimeterOptions,
): string | string[] {
  if (service.ownResources !== 'stack-buckets') return '*';
  if (options.stackBucketNames.length === 0) {
    // An empty list would render an Allow on nothing; say why instead.
    throw new Error(
      `the ${service.service} endpoint admits only the stack's buckets, and the stack has none: pass stackBucketNames`,
    );
  }
  return options.stackBucketNames.flatMap(name => [
    `arn:aws:s3:::${name}`,
    `arn:aws:s3:::${name}/*`,
  ]);
}

function exceptionResources(
  exception: EndpointPolicyException,
  region: string,
): string | string[] {
  return exception.resourceTemplates
    ? exception.resourceTemplates.map(t => fillRegion(t, region))
    : '*';
}

/** The policy document (JSON string) for one endpoint service. */
export function endpointPolicy(
  service: EndpointService,
  options: PerimeterOptions,
): string {
  const identity: Record<string, string> = {
    'aws:PrincipalAccount': options.accountId,
  };
  const resource: Record<string, string> = options.organizationId
    ? { 'aws:ResourceOrgID': options.organizationId }
    : { 'aws:ResourceAccount': options.accountId };
  const resources = ownResources(service, options);
  let sid = options.organizationId
    ? 'OwnPrincipalsToOrganizationResources'
    : 'OwnPrincipalsToOwnResources';
  if (resources !== '*') sid = 'OwnPrincipalsToStackBuckets';
  return policyDocument([
    {
      Sid: sid,
      Effect: 'Allow' as const,
      Principal: '*' as const,
      Action: '*',
      Resource: resources,
      Condition: { StringEquals: { ...identity, ...resource } },
    },
    ...service.exceptions.map(exception => ({
      Sid: exception.sid,
      Effect: 'Allow' as const,
      Principal: '*' as const,
      Action: [...exception.actions],
      Resource: exceptionResources(exception, options.region),
      ...(exception.unsigned ? {} : { Condition: { StringEquals: identity } }),
    })),
  ]);
}
