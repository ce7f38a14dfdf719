import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentLiveStatus,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';

/** Reads live status from AWS for one applied environment. */
export type StatusFetcher = (
  environment: EnvironmentRecord,
) => Promise<EnvironmentLiveStatus>;

export interface StatusServiceOptions {
  cache: CacheService;
  ttlSeconds: number;
  fetcher: StatusFetcher;
  logger: LoggerService;
}

/**
 * Live status behind two layers: Backstage's cache service (shared by backend
 * instances when it is Redis/Memcache, so AWS sees ≤ 1 call per environment
 * per TTL) and an in-process map of in-flight promises in front of it, so that
 * a burst of card views on one instance turns into one cache read and at most
 * one AWS fetch.
 */
export class StatusService {
  private readonly inFlight = new Map<string, Promise<EnvironmentLiveStatus>>();
  private readonly ttlMs: number;

  constructor(private readonly options: StatusServiceOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
  }

  async getStatus(
    environment: EnvironmentRecord,
  ): Promise<EnvironmentLiveStatus> {
    const offline = offlineStatus(environment);
    if (offline) return offline;

    // updatedAt is part of the key so a registry change (new desktops, a new
    // cluster) is visible at once instead of after the TTL.
    const key = `status:v1:${environment.id}:${environment.updatedAt}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = this.readThrough(key, environment).finally(() => {
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  private async readThrough(
    key: string,
    environment: EnvironmentRecord,
  ): Promise<EnvironmentLiveStatus> {
    const cached = (await this.options.cache.get(key)) as
      | EnvironmentLiveStatus
      | undefined;
    if (cached) return cached;
    let status: EnvironmentLiveStatus;
    try {
      status = await this.options.fetcher(environment);
    } catch (error) {
      // Credentials or client construction failed (the status function itself
      // reports per-section errors). Cache the failure too: retrying on every
      // view would hammer STS/AWS while they are failing.
      this.options.logger.warn(
        `Live status for environment ${environment.id} failed: ${error}`,
      );
      status = {
        fetchedAt: new Date().toISOString(),
        planned: false,
        workspaces: [],
        error: `Could not read live status from AWS account ${
          environment.accountId
        } (${environment.region}): ${
          (error as Error)?.message ?? String(error)
        }`,
      };
    }
    await this.options.cache.set(key, status as any, { ttl: this.ttlMs });
    return status;
  }
}

/** Status that needs no AWS call: plan mode, not applied yet, destroyed. */
function offlineStatus(
  environment: EnvironmentRecord,
): EnvironmentLiveStatus | undefined {
  const base = { fetchedAt: new Date().toISOString(), workspaces: [] };
  if (environment.state === 'planned') {
    return {
      ...base,
      planned: true,
      reason:
        environment.stateReason ??
        'Plan mode: terraform plan ran, nothing was applied, so there is nothing to query in AWS',
    };
  }
  if (environment.state === 'destroyed') {
    return {
      ...base,
      planned: false,
      reason: 'The environment is destroyed',
    };
  }
  if (!environment.outputs.directoryId) {
    return {
      ...base,
      planned: false,
      reason: `Not applied yet (state ${environment.state}): no directory is recorded for this environment`,
    };
  }
  return undefined;
}
