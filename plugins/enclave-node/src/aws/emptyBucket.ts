import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  ObjectIdentifier,
  S3Client,
} from '@aws-sdk/client-s3';
import { errorName } from './awsErrors';
import { throwIfAborted } from './timing';
import { EnclaveLogger } from './types';

/**
 * Empties a versioned bucket: every object version and every delete marker,
 * so that `terraform destroy` can delete it.
 *
 * Why: "All objects (including all object versions and delete markers) in the
 * bucket must be deleted before the bucket itself can be deleted" (S3 API
 * reference, DeleteBucket; botocore `s3/2006-03-01/service-2.json`); otherwise
 * DeleteBucket fails with BucketNotEmpty (409, S3 API reference "Error
 * codes"), which is exactly what the provider's delete reports when
 * `force_destroy` is false (hashicorp/terraform-provider-aws
 * `internal/service/s3/bucket.go`, resourceBucketDelete). We empty it here
 * rather than set `force_destroy`: the provider reads that flag from *state*,
 * so it would need an extra apply before every destroy, and it reports no
 * progress while deleting millions of EMR log versions.
 *
 * ListObjectVersions pages return at most 1000 entries, and DeleteObjects
 * takes "a list of up to 1,000 keys" (same model), so each page is one batch.
 * Listing restarts from the beginning after each batch: the deleted entries
 * are gone, and the markers of a live listing would skip what remains.
 */
export interface EmptyBucketOptions {
  client: S3Client;
  bucket: string;
  logger: EnclaveLogger;
  signal?: AbortSignal;
  /** Called after every batch with the running total. */
  onProgress?: (deleted: number) => void;
}

export const S3_DELETE_BATCH_SIZE = 1000;

export async function emptyVersionedBucket(
  options: EmptyBucketOptions,
): Promise<{ deleted: number; bucketExisted: boolean }> {
  const { client, bucket, logger, signal } = options;
  let deleted = 0;
  for (;;) {
    throwIfAborted(signal, `Emptying bucket ${bucket}`);
    let page;
    try {
      page = await client.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          MaxKeys: S3_DELETE_BATCH_SIZE,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // Already gone (a re-run after a destroy that got this far).
      if (errorName(error) === 'NoSuchBucket')
        return { deleted, bucketExisted: false };
      throw error;
    }
    const batch: ObjectIdentifier[] = [
      ...(page.Versions ?? []),
      ...(page.DeleteMarkers ?? []),
    ]
      .filter(v => v.Key !== undefined)
      .map(v => ({ Key: v.Key!, VersionId: v.VersionId }))
      .slice(0, S3_DELETE_BATCH_SIZE);
    if (batch.length === 0) {
      logger.info(
        `Bucket ${bucket} is empty (${deleted} object version(s) and delete marker(s) deleted)`,
      );
      return { deleted, bucketExisted: true };
    }
    const out = await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch, Quiet: true },
      }),
      { abortSignal: signal },
    );
    // DeleteObjects reports per-key failures in Errors with HTTP 200.
    if (out.Errors?.length) {
      const first = out.Errors[0];
      throw new Error(
        `Could not delete ${out.Errors.length} object version(s) from ${bucket} (first: ${first.Key}: ${first.Code} ${first.Message}). Check that the deployer role may s3:DeleteObjectVersion on the bucket, then re-run the decommission.`,
      );
    }
    deleted += batch.length;
    options.onProgress?.(deleted);
    logger.info(`Bucket ${bucket}: ${deleted} version(s) deleted so far`);
  }
}
