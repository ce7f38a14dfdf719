/*
 * Where an EMR cluster uploads its logs. By default (`emr-managed`) EMR
 * uploads them to the LogUri "with certain logs retained by the service for
 * operational support and troubleshooting purposes": nodes push system logs
 * to the AWS-owned `aws157-logs-prod[-<region>]` bucket and persistent-UI
 * (Spark History Server) logs to `prod.<region>.appinfo.src`, both outside
 * the environment. The enclave keeps every log in its own bucket instead, so
 * the S3 endpoint needs no write path to any AWS-owned bucket.
 *
 * Source: botocore `emr/2009-03-31/service-2.json`, shapes
 * `MonitoringConfiguration.S3LoggingConfiguration` →
 * `S3LoggingConfiguration.LogTypeUploadPolicy` (a `LogTypeMap`: keys
 * `LogType` = system-logs | application-logs | persistent-ui-logs, values
 * `LogUploadPolicyValue` = emr-managed | on-customer-s3only | disabled);
 * its documentation: `on-customer-s3only` "Logs are uploaded only to the
 * customer-specified S3 bucket. This requires you to specify a LogUri ...
 * Persistent-ui-logs cannot have on-customer-s3only policy. Allowed policies
 * for persistent-ui-logs are emr-managed and disabled." RunJobFlowInput takes
 * it as `MonitoringConfiguration`; @aws-sdk/client-emr 3.1089.0 types it as
 * `S3LoggingConfiguration.LogTypeUploadPolicy?: Partial<Record<LogType,
 * LogUploadPolicyValue>>`. The AWS-owned buckets it avoids: "Sample policies
 * for private subnets that access Amazon S3", EMR Management Guide,
 * "Logging" and "Persistent application user interfaces"
 * (https://docs.aws.amazon.com/emr/latest/ManagementGuide/private-subnet-iampolicy.html).
 *
 * hashicorp/aws 5.100.0's aws_emr_cluster has no argument for it (the string
 * LogTypeUploadPolicy does not occur in the provider binary), which is one
 * more reason the cluster is launched from the launch spec by the SDK.
 */

/** `LogType` in the EMR API. */
export type EmrLogType =
  | 'system-logs'
  | 'application-logs'
  | 'persistent-ui-logs';
/** `LogUploadPolicyValue` in the EMR API. */
export type EmrLogUploadPolicy =
  | 'emr-managed'
  | 'on-customer-s3only'
  | 'disabled';

/**
 * What the enclave launches with: system and application logs to the
 * environment's LogUri only; persistent UIs off (they can only be
 * `emr-managed`, i.e. uploaded to AWS, or `disabled`). The on-cluster
 * application UIs (Spark History Server on the primary) are not affected.
 */
export const EMR_LOG_TYPE_UPLOAD_POLICY: Readonly<
  Record<EmrLogType, EmrLogUploadPolicy>
> = {
  'system-logs': 'on-customer-s3only',
  'application-logs': 'on-customer-s3only',
  'persistent-ui-logs': 'disabled',
};

/** The policies G6 accepts per log type: none that uploads to an AWS-owned bucket. */
export const EMR_LOG_UPLOAD_POLICIES_KEEPING_LOGS_IN_ACCOUNT: Readonly<
  Record<EmrLogType, readonly EmrLogUploadPolicy[]>
> = {
  'system-logs': ['on-customer-s3only', 'disabled'],
  'application-logs': ['on-customer-s3only', 'disabled'],
  'persistent-ui-logs': ['disabled'],
};
