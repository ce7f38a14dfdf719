import {
  DataAccessStatus,
  DescribeDirectoryDataAccessCommand,
  DirectoryServiceClient,
  EnableDirectoryDataAccessCommand,
} from '@aws-sdk/client-directory-service';
import { pollUntil } from './poll';
import { Timing } from './timing';
import { EnclaveLogger } from './types';

/**
 * The Directory Service Data API (CreateUser etc.) only works once "directory
 * data access" is enabled on the directory. Enabling is asynchronous
 * (Disabled → Enabling → Enabled) and takes from seconds to a few minutes.
 */
export interface EnsureDirectoryDataAccessOptions {
  directoryId: string;
  client: DirectoryServiceClient;
  logger: EnclaveLogger;
  /** Aborts the wait at once (task cancelled / overall bound). */
  signal?: AbortSignal;
  /** Bound for the wait on the injected clock (default 10 minutes). */
  maxWaitMs?: number;
  /** First poll delay (default 5 s), doubling up to maxDelayMs (default 30 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  timing?: Timing;
}

export async function ensureDirectoryDataAccess(
  options: EnsureDirectoryDataAccessOptions,
): Promise<void> {
  const { directoryId, client, logger, signal, timing } = options;
  const describe = async () =>
    (
      await client.send(
        new DescribeDirectoryDataAccessCommand({
          DirectoryId: directoryId,
        }),
        { abortSignal: signal },
      )
    ).DataAccessStatus;

  const waitFor = (description: string, done: (s?: string) => boolean) =>
    pollUntil<string | undefined>(
      async () => {
        const status = await describe();
        if (status === DataAccessStatus.FAILED) {
          throw new Error(
            `Directory data access on ${directoryId} failed to enable (status Failed); check the directory's health in the AWS console, then retry`,
          );
        }
        return done(status)
          ? { done: true, value: status }
          : { done: false, status };
      },
      {
        description,
        minDelayMs: options.minDelayMs ?? 5_000,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        maxWaitMs: options.maxWaitMs ?? 10 * 60_000,
        signal,
        timing,
      },
    );

  let status: string | undefined = await describe();
  if (status === DataAccessStatus.ENABLED) {
    logger.info(`Directory data access on ${directoryId} is enabled`);
    return;
  }
  if (status === DataAccessStatus.DISABLING) {
    // Enable is rejected while a disable is in flight; let it settle first.
    status = await waitFor(
      `directory data access on ${directoryId} to finish disabling`,
      s => s !== DataAccessStatus.DISABLING,
    );
  }
  if (
    status === DataAccessStatus.DISABLED ||
    status === DataAccessStatus.FAILED
  ) {
    logger.info(`Enabling directory data access on ${directoryId}`);
    try {
      await client.send(
        new EnableDirectoryDataAccessCommand({ DirectoryId: directoryId }),
        { abortSignal: signal },
      );
    } catch (error) {
      // Another run may have enabled it between our describe and enable.
      const now = await describe();
      if (
        now !== DataAccessStatus.ENABLING &&
        now !== DataAccessStatus.ENABLED
      ) {
        throw error;
      }
    }
  }
  await waitFor(
    `directory data access on ${directoryId} to be Enabled`,
    s => s === DataAccessStatus.ENABLED,
  );
  logger.info(`Directory data access on ${directoryId} is enabled`);
}
