/*
 * From what a person typed in the template to a validated EnvironmentSpec:
 * the platform's config decides which regions, which account and which client
 * CIDRs are allowed. Every check here runs before anything talks to AWS or
 * starts terraform, and each message says what to do instead.
 */
import {
  DataEnclaveConfig,
  EnvironmentSpec,
  EnvironmentSpecError,
  parseEnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { assignSamAccountNames } from '../aws/samAccountName';
import { requireApprovedBundle } from './bundleApproval';

/** The requester made a mistake; safe to show as-is (maps to InputError). */
export class EnclaveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnclaveInputError';
  }
}

export interface ProvisionRequest {
  name: string;
  team: string;
  region: string;
  clientCidrs: string[];
  /** Resolved catalog users (entity ref, entity name, email). */
  users: Array<{ entityRef: string; name: string; email?: string }>;
  emr?: { instanceType?: string; coreNodeCount?: number };
  workspaces?: {
    bundleName?: string;
    computeType?: string;
    runningModeAutoStopTimeoutInMinutes?: number;
  };
  stackVersion?: string;
}

/** The account that hosts environments in `region`, or an error naming the config key. */
export function accountForRegion(
  config: DataEnclaveConfig,
  region: string,
): string {
  const account = config.accounts.find(a => a.regions.includes(region));
  if (account) return account.accountId;
  if (config.mode === 'plan') return config.planAccountId;
  throw new EnclaveInputError(
    `no AWS account is configured for region ${region}: add one under dataEnclave.accounts (regions: [${region}])`,
  );
}

export function checkRegionAllowed(config: DataEnclaveConfig, region: string) {
  if (!config.allowedRegions.includes(region)) {
    throw new EnclaveInputError(
      `region \`${region}\` is not in dataEnclave.allowedRegions: ${config.allowedRegions.join(
        ', ',
      )}`,
    );
  }
}

export function buildEnvironmentSpec(
  request: ProvisionRequest,
  config: DataEnclaveConfig,
): EnvironmentSpec {
  checkRegionAllowed(config, request.region);
  const names = assignSamAccountNames(request.users.map(u => u.name));
  const users = request.users.map(u => ({
    username: names.get(u.name.trim().toLowerCase())!,
    email: u.email ?? '',
    entityRef: u.entityRef,
  }));
  let spec: EnvironmentSpec;
  try {
    spec = parseEnvironmentSpec(
      {
        name: request.name,
        team: request.team,
        region: request.region,
        accountId: accountForRegion(config, request.region),
        clientCidrs: request.clientCidrs,
        users,
        emr: request.emr,
        workspaces: request.workspaces,
        stackVersion: request.stackVersion ?? config.stackVersion,
      },
      { allowAnyClientCidr: config.guardrails.allowAnyClientCidr },
    );
  } catch (error) {
    if (error instanceof EnvironmentSpecError) {
      throw new EnclaveInputError(error.message);
    }
    throw error;
  }
  // G12: refuse a bundle the platform did not harden, before terraform or AWS.
  requireApprovedBundle(
    config,
    spec.workspaces.bundleName,
    message => new EnclaveInputError(message),
  );
  return spec;
}
