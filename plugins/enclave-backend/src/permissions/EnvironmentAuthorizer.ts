import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';

/** How long a user's decision is reused; see {@link EnvironmentAuthorizer}. */
const DECISION_TTL_MS = 5_000;
const MAX_CACHED_DECISIONS = 10_000;

/**
 * Asks the permission framework with authorizeConditional and applies a
 * conditional decision to the loaded environment(s) here, so a list costs one
 * policy call rather than one per environment. Service principals (scaffolder
 * actions, the catalog provider) are allowed by the framework.
 *
 * A user's decision is reused for a few seconds: the card polls status, and
 * without this every view would add a round trip to the permission backend.
 * The criteria depend only on the user's ownership claims, which are fixed for
 * the lifetime of their token anyway, so the staleness is a policy change
 * taking up to {@link DECISION_TTL_MS} to apply.
 */
export class EnvironmentAuthorizer {
  private readonly isAllowed: ReturnType<
    typeof createConditionAuthorizer<EnvironmentRecord>
  >;
  private readonly decisions = new Map<
    string,
    { expiresAt: number; decision: Promise<PolicyDecision> }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    ruleset: PermissionRuleset<EnvironmentRecord, any, string>,
    private readonly now: () => number = Date.now,
  ) {
    this.isAllowed = createConditionAuthorizer(ruleset);
  }

  async authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'enclave-environment'>,
    environment: EnvironmentRecord,
  ): Promise<void> {
    const decision = await this.decide(credentials, permission);
    if (!this.isAllowed(decision, environment)) {
      throw new NotAllowedError(
        `you may not ${permission.attributes.action ?? 'access'} environment ${
          environment.name
        }: it belongs to ${
          environment.team
        }; ask a member of that team or a platform admin`,
      );
    }
  }

  async filter(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'enclave-environment'>,
    environments: EnvironmentRecord[],
  ): Promise<EnvironmentRecord[]> {
    const decision = await this.decide(credentials, permission);
    return environments.filter(env => this.isAllowed(decision, env));
  }

  private decide(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'enclave-environment'>,
  ): Promise<PolicyDecision> {
    const ask = async () =>
      (
        await this.permissions.authorizeConditional([{ permission }], {
          credentials,
        })
      )[0];
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) return ask();

    const key = `${principal.userEntityRef}\n${permission.name}`;
    const now = this.now();
    const hit = this.decisions.get(key);
    if (hit && hit.expiresAt > now) return hit.decision;
    if (this.decisions.size >= MAX_CACHED_DECISIONS) this.decisions.clear();
    const decision = ask();
    this.decisions.set(key, { expiresAt: now + DECISION_TTL_MS, decision });
    // A failed call must not be reused.
    decision.catch(() => this.decisions.delete(key));
    return decision;
  }
}
