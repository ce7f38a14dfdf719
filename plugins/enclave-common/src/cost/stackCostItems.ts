/*
 * What one environment's stack creates, as far as the bill is concerned: for
 * each Terraform resource type either the price it draws on or why it costs
 * nothing by itself. The counts the estimate multiplies by (endpoints, AZs,
 * keys, secrets, domain-list entries) are here too. enclave-node's
 * `stack/costCoverage.test.ts` synthesizes the example stack and fails when a
 * resource type is missing from this map or a count disagrees, so a new
 * priced resource cannot slip into the stack without a price.
 */
import type { PriceKey } from './priceTable';

export type ResourcePricing = { price: PriceKey } | { free: string };

/** Every resource type the stack synthesizes, with what it costs. */
export const STACK_RESOURCE_PRICING: Readonly<Record<string, ResourcePricing>> =
  {
    aws_vpc_endpoint: { price: 'interfaceEndpoint' },
    aws_kms_key: { price: 'kms' },
    aws_kms_alias: { free: 'aliases have no charge' },
    aws_directory_service_directory: { price: 'directory' },
    aws_secretsmanager_secret: { price: 'secretsManager' },
    aws_secretsmanager_secret_version: {
      free: 'versions are included in the secret price',
    },
    aws_route53_resolver_firewall_domain_list: { price: 'dnsFirewall' },
    aws_route53_resolver_firewall_rule: { free: 'billed per query and domain' },
    aws_route53_resolver_firewall_rule_group: {
      free: 'billed per query and domain',
    },
    aws_route53_resolver_firewall_rule_group_association: {
      free: 'billed per query and domain',
    },
    aws_route53_resolver_firewall_config: { free: 'a VPC setting' },
    aws_flow_log: { price: 'flowLogs' },
    aws_cloudwatch_log_group: { price: 'flowLogs' },
    aws_emr_security_configuration: {
      free: 'EMR bills instance hours, not configuration',
    },
    aws_emr_cluster: { price: 'emr' },
    aws_iam_role: { free: 'IAM has no charge' },
    aws_iam_role_policy: { free: 'IAM has no charge' },
    aws_iam_role_policy_attachment: { free: 'IAM has no charge' },
    aws_iam_instance_profile: { free: 'IAM has no charge' },
    aws_vpc: { free: 'VPCs have no charge' },
    aws_subnet: { free: 'subnets have no charge' },
    aws_route_table: { free: 'route tables have no charge' },
    aws_route_table_association: { free: 'route tables have no charge' },
    aws_default_route_table: { free: 'route tables have no charge' },
    aws_security_group: { free: 'security groups have no charge' },
    aws_default_security_group: { free: 'security groups have no charge' },
    aws_vpc_security_group_ingress_rule: {
      free: 'security groups have no charge',
    },
    aws_vpc_security_group_egress_rule: {
      free: 'security groups have no charge',
    },
    aws_s3_bucket: {
      free: 'storage and requests depend on the data; not estimated (S3 pricing page)',
    },
    aws_s3_bucket_policy: { free: 'bucket settings have no charge' },
    aws_s3_bucket_public_access_block: {
      free: 'bucket settings have no charge',
    },
    aws_s3_bucket_ownership_controls: {
      free: 'bucket settings have no charge',
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      free: 'bucket settings have no charge (SSE-KMS requests are KMS requests)',
    },
    aws_s3_bucket_versioning: {
      free: 'bucket settings have no charge (old versions are storage)',
    },
    aws_workspaces_directory: {
      free: 'registering a directory has no charge; desktops are priced per WorkSpace',
    },
    aws_workspaces_ip_group: { free: 'IP access groups have no charge' },
    terraform_data: { free: 'Terraform-internal, not an AWS resource' },
  };

/**
 * The fixed shape of one environment (the counts the estimate multiplies).
 * The coverage test checks each against the synthesized stack.
 */
export const STACK_COST_SHAPE = {
  /** Interface endpoints (PrivateLink), each with one ENI per subnet/AZ. */
  interfaceEndpoints: 10,
  /** Availability Zones (private subnets) the endpoints are placed in. */
  availabilityZones: 2,
  /** Gateway endpoints (S3, DynamoDB): free, listed so the estimate shows them. */
  gatewayEndpoints: 2,
  /** Customer-managed KMS keys. */
  kmsKeys: 1,
  /** Entries across the DNS Firewall's domain lists. */
  dnsFirewallDomains: 8,
  /** Secrets the stack itself creates (the directory admin password). */
  stackSecrets: 1,
} as const;
