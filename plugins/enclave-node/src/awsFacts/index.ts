/*
 * AWS facts the stack and the guardrails share: one small file per fact, each
 * with its source. Import from here, never restate a fact.
 */
export {
  EMR_APPLICATION_PORTS,
  emrApplicationPortsFor,
} from './emrApplicationPorts';
export type { EmrApplicationPort } from './emrApplicationPorts';
export {
  EMR_LOG_TYPE_UPLOAD_POLICY,
  EMR_LOG_UPLOAD_POLICIES_KEEPING_LOGS_IN_ACCOUNT,
} from './emrLogUpload';
export type { EmrLogType, EmrLogUploadPolicy } from './emrLogUpload';
export { DIRECTORY_CONTROLLER_PORTS } from './directoryPorts';
export type { DirectoryPort } from './directoryPorts';
export {
  GATEWAY_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
  S3_OWN_RESOURCES_REASON,
  SERVICES_WITHOUT_ENDPOINT_POLICY,
  endpointServiceFact,
} from './endpointServices';
export type {
  EndpointPolicyException,
  EndpointService,
} from './endpointServices';
export {
  AWS_REPOSITORY_BUCKETS,
  REPOSITORY_READ_ACTIONS,
  isRepositoryBucketName,
  repositoryBucketArns,
  repositoryObjectArns,
} from './repositoryBuckets';
export type { RepositoryBucket } from './repositoryBuckets';
export {
  AWS_SERVICE_DOMAIN_SUFFIXES,
  AWS_SERVICE_FIREWALL_DOMAINS,
  firewallDomain,
  isWithinDomain,
  normalizeDomain,
} from './dnsDomains';
export {
  REGION_PATTERN,
  fillRegion,
  regionTemplatePattern,
} from './regionTemplates';
