/*
 * S3 facts shared by G4 (the data bucket) and G6 (EMR logs go to an encrypted
 * bucket): which configuration resources belong to a bucket, and whether a
 * bucket is encrypted with a key of this stack.
 */
import { describeState } from './describe';
import { pureReference } from './expressions';
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import { asBlocks, getPath } from './values';

/** The bucket's literal name, when the stack sets one. */
export function bucketName(
  doc: TerraformDocument,
  bucket: TerraformResource,
): string | undefined {
  const state = doc.attribute(bucket, 'bucket');
  return state.kind === 'literal' && typeof state.value === 'string'
    ? state.value
    : undefined;
}

/**
 * True when `value` designates `bucket`: a reference to any of its attributes
 * (`${aws_s3_bucket.data.id}`), or its literal name.
 */
export function designatesBucket(
  doc: TerraformDocument,
  value: unknown,
  bucket: TerraformResource,
  from: TerraformResource,
): boolean {
  if (typeof value === 'string') {
    const ref = pureReference(value);
    if (ref && doc.find(ref.address, from)?.address === bucket.address)
      return true;
  }
  const state = doc.resolve(value, from);
  const name = bucketName(doc, bucket);
  return name !== undefined && state.kind === 'literal' && state.value === name;
}

/** Resources of `type` whose `bucket` attribute designates `bucket`. */
export function bucketResources(
  doc: TerraformDocument,
  bucket: TerraformResource,
  type: string,
): TerraformResource[] {
  return doc
    .ofType(type)
    .filter(r => designatesBucket(doc, r.values.bucket, bucket, r));
}

/** True when the value refers to a KMS key (or alias) of this stack. */
export function isStackKmsKey(
  doc: TerraformDocument,
  value: unknown,
  from: TerraformResource,
): boolean {
  return (
    doc.referencedResource(value, ['aws_kms_key', 'aws_kms_alias'], from) !==
    undefined
  );
}

/** Why the bucket is not SSE-KMS with a key of this stack, or undefined when it is. */
export function bucketEncryptionProblem(
  doc: TerraformDocument,
  bucket: TerraformResource,
): string | undefined {
  const configs = bucketResources(
    doc,
    bucket,
    'aws_s3_bucket_server_side_encryption_configuration',
  );
  const rules = [
    ...configs.flatMap(c =>
      asBlocks(c.values.rule).map(rule => ({ rule, from: c })),
    ),
    // Provider v3 style inline configuration, still accepted by v5.
    ...asBlocks(
      getPath(bucket.values, ['server_side_encryption_configuration', 'rule']),
    ).map(rule => ({
      rule,
      from: bucket,
    })),
  ];
  if (rules.length === 0) {
    return 'it has no server-side encryption configuration (S3 would use SSE-S3, not the environment key)';
  }
  for (const { rule, from } of rules) {
    const defaults = asBlocks(rule.apply_server_side_encryption_by_default)[0];
    const algorithm = doc.resolve(defaults?.sse_algorithm, from);
    if (
      algorithm.kind !== 'literal' ||
      !['aws:kms', 'aws:kms:dsse'].includes(String(algorithm.value))
    ) {
      return `its default encryption is ${describeState(
        algorithm,
      )}, not aws:kms`;
    }
    if (!isStackKmsKey(doc, defaults?.kms_master_key_id, from)) {
      return `its kms_master_key_id ${describeState(
        doc.resolve(defaults?.kms_master_key_id, from),
      )} is not the environment's KMS key`;
    }
  }
  return undefined;
}

/** The bucket of this stack that an `s3://bucket/prefix` URI points at. */
export function bucketOfS3Uri(
  doc: TerraformDocument,
  value: unknown,
  from: TerraformResource,
): TerraformResource | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^s3n?:\/\/([^/]+)/.exec(value);
  if (!match) return undefined;
  const host = match[1];
  return doc
    .ofType('aws_s3_bucket')
    .find(bucket => designatesBucket(doc, host, bucket, from));
}
