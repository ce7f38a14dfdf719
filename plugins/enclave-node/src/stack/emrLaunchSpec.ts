/*
 * The EMR cluster's launch configuration, kept in the stack as data.
 *
 * WHY NOT AN aws_emr_cluster: the cluster terminates itself after its idle
 * timeout, and the provider treats a TERMINATED cluster as gone. Its read
 * (`internal/service/emr/cluster.go` in hashicorp/terraform-provider-aws,
 * `findClusterByID`) returns a NotFoundError when `Status.State` is
 * TERMINATED or TERMINATED_WITH_ERRORS, and the read then removes the
 * resource from state, so every later plan (drift check, upgrade) would
 * create a new cluster. Nearly every attribute is ForceNew as well.
 * So the cluster is launched on demand by the SDK (RunJobFlow, see
 * `aws/sparkCluster.ts`), and only what must be reviewed lives in Terraform:
 * roles, security groups, the security configuration, and this launch spec,
 * a `terraform_data` whose `input` has the aws_emr_cluster attribute shape
 * (snake_case, blocks as one-element lists). G6 checks it at synth and plan
 * exactly like a cluster, the reachability checks see its security groups,
 * and the `emr_launch_spec` output hands the resolved values to the SDK.
 * An idle-out changes nothing Terraform manages: plans stay quiet.
 *
 * No cdktf import here: the SDK side reads the same type.
 */
import type { EmrLogType, EmrLogUploadPolicy } from '../awsFacts';

/** `input.kind` of the launch-spec terraform_data (how G6 recognises it). */
export const EMR_LAUNCH_SPEC_KIND = 'enclave-emr-launch-spec/v1';

/** Name of the stack output that carries the resolved launch spec. */
export const EMR_LAUNCH_SPEC_OUTPUT = 'emr_launch_spec';

export interface EmrLaunchSpec {
  kind: typeof EMR_LAUNCH_SPEC_KIND;
  name: string;
  release_label: string;
  applications: string[];
  /** Service role ARN. */
  service_role: string;
  /** Instance profile name (RunJobFlow JobFlowRole). */
  instance_profile: string;
  security_configuration: string;
  log_uri: string;
  log_encryption_kms_key_id: string;
  /**
   * RunJobFlow `MonitoringConfiguration.S3LoggingConfiguration.LogTypeUploadPolicy`:
   * where each log type goes (awsFacts/emrLogUpload.ts). Not an aws_emr_cluster
   * argument in hashicorp/aws 5.100.0; the name is the API's, snake_cased.
   */
  log_type_upload_policy: Record<EmrLogType, EmrLogUploadPolicy>;
  auto_termination_policy: { idle_timeout: number }[];
  ec2_attributes: {
    subnet_id: string;
    emr_managed_master_security_group: string;
    emr_managed_slave_security_group: string;
    service_access_security_group: string;
  }[];
  master_instance_group: { instance_type: string; instance_count: number }[];
  core_instance_group: {
    instance_type: string;
    instance_count: number;
    ebs_config: { size: number; type: string; volumes_per_instance: number }[];
  }[];
  /** Tags of the cluster (and, through EMR, its instances): the tag function's output. */
  tags: Record<string, string>;
}
