/*
 * The AWS-owned S3 buckets an EMR 7 cluster in a private subnet must read.
 * The S3 gateway endpoint admits them read-only (they are outside the
 * environment's account, so the resource perimeter needs this one exception),
 * the EMR instance role may read them, and G3 accepts exactly these.
 *
 * Source: "Sample policies for private subnets that access Amazon S3", Amazon
 * EMR Management Guide
 * (https://docs.aws.amazon.com/emr/latest/ManagementGuide/private-subnet-iampolicy.html),
 * "Required buckets": Amazon EMR 7.0.0 and later need the AL2023 repository
 * `al2023-repos-<region>-de612dc2`; Amazon EMR 5.22.0 and later need the EMR
 * repository `repo.<region>.emr.amazonaws.com`. (EMR 8 adds instance-data
 * buckets; the spec only admits EMR 7 release labels.) The same two names
 * appear in the aws-samples data-perimeter-policy-examples
 * `vpc_endpoint_policies/s3_endpoint_policy.json`, "AllowRequestsToAWSOwnedResources".
 */
import { fillRegion, regionTemplatePattern } from './regionTemplates';

export interface RepositoryBucket {
  /** Bucket name with `{region}`. */
  nameTemplate: string;
  /** What EMR reads from it. */
  why: string;
}

export const AWS_REPOSITORY_BUCKETS: readonly RepositoryBucket[] = [
  {
    nameTemplate: 'repo.{region}.emr.amazonaws.com',
    why: 'EMR repository: EMR application packages installed at bootstrap',
  },
  {
    nameTemplate: 'al2023-repos-{region}-de612dc2',
    why: 'Amazon Linux 2023 package repository (EMR 7 AMIs are AL2023)',
  },
];

/** The only S3 actions allowed on repository buckets: reading objects. */
export const REPOSITORY_READ_ACTIONS: readonly string[] = ['s3:GetObject'];

/** Bucket ARNs (`arn:aws:s3:::<name>`) for `region`. */
export function repositoryBucketArns(region: string): string[] {
  return AWS_REPOSITORY_BUCKETS.map(
    b => `arn:aws:s3:::${fillRegion(b.nameTemplate, region)}`,
  );
}

/** Object ARNs (`arn:aws:s3:::<name>/*`) for `region`: what a read grant names. */
export function repositoryObjectArns(region: string): string[] {
  return repositoryBucketArns(region).map(arn => `${arn}/*`);
}

const NAME_PATTERNS = AWS_REPOSITORY_BUCKETS.map(b =>
  regionTemplatePattern(b.nameTemplate),
);

/** True when `name` is a repository bucket of any region. */
export function isRepositoryBucketName(name: string): boolean {
  return NAME_PATTERNS.some(re => re.test(name));
}
