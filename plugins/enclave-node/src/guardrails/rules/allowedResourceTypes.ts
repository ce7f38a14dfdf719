/*
 * G11's allow-list: the resource types an enclave stack may contain. Derived
 * from the synthesized example stack (`yarn enclave synth --spec
 * examples/environment.json --json` lists them under resourceCounts), plus
 * the pieces the stack's constructs are expected to grow into, each of which
 * is covered by a rule:
 *  - `terraform_data` (Terraform's built-in, no cloud resource; lifecycle
 *    triggers);
 *  - S3 configuration pieces that do not move data out: lifecycle, logging to
 *    a bucket of the stack (G4 judges bucket policies of every bucket here);
 *  - the other spellings of rules and routes G1/G2 understand.
 * Deliberately absent: anything that copies or shares data out
 * (aws_s3_bucket_replication_configuration, aws_ram_*, aws_s3_bucket_acl,
 * Lambda function URLs, API gateways, peering, gateways). A platform team can
 * allow a type with `dataEnclave.guardrails.allowedExtraResourceTypes`; the
 * report then shows it as a relaxation.
 */
export const ALLOWED_RESOURCE_TYPES: readonly string[] = [
  // network (G1, G2, G8)
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route_table_association',
  'aws_route',
  'aws_main_route_table_association',
  'aws_default_route_table',
  'aws_default_security_group',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_route_table_association',
  'aws_flow_log',
  'aws_cloudwatch_log_group',
  // DNS firewall (G5)
  'aws_route53_resolver_firewall_config',
  'aws_route53_resolver_firewall_domain_list',
  'aws_route53_resolver_firewall_rule',
  'aws_route53_resolver_firewall_rule_group',
  'aws_route53_resolver_firewall_rule_group_association',
  // keys and secrets (G9)
  'aws_kms_key',
  'aws_kms_alias',
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_version',
  // data bucket (G4, and G11's bucket-policy check for every bucket)
  'aws_s3_bucket',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  // EMR (G6)
  'aws_emr_cluster',
  'aws_emr_security_configuration',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_instance_profile',
  // directory and desktops (G7)
  'aws_directory_service_directory',
  'aws_workspaces_directory',
  'aws_workspaces_ip_group',
  // Terraform built-in
  'terraform_data',
];
