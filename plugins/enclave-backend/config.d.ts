/**
 * A Backstage scheduler duration: ISO 8601 (`PT6H`), a duration string
 * (`6h`), or an object like `{ hours: 6 }` (HumanDuration in @backstage/types).
 */
type TaskDuration =
  | string
  | {
      years?: number;
      months?: number;
      weeks?: number;
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
      milliseconds?: number;
    };

/**
 * Data Enclave configuration. Validated at startup by the zod schema in
 * `@data-enclave/plugin-enclave-common` (`dataEnclaveConfigSchema`); this file
 * gives Backstage's config tooling the same keys and their visibility.
 */
export interface Config {
  dataEnclave?: {
    /**
     * `plan` (default) runs synth, guardrails, `terraform init` and `plan`, and
     * applies nothing. `apply` provisions for real and needs `accounts`.
     * @visibility frontend
     */
    mode?: 'plan' | 'apply';
    /**
     * Regions a team may choose in the template.
     * @visibility frontend
     */
    allowedRegions?: string[];
    /**
     * Account id used to plan when no account is configured for a region (plan mode only).
     * @visibility backend
     */
    planAccountId?: string;
    /**
     * AWS accounts that host environments, matched by region.
     * @visibility backend
     */
    accounts?: Array<{
      /** 12-digit AWS account id. */
      accountId: string;
      /** Regions this account serves. */
      regions: string[];
      /** Role Terraform and the SDK assume in the account. */
      roleArn?: string;
      /** Role exempted from the data bucket's VPC-endpoint-only policy (G4). */
      platformAdminRoleArn?: string;
    }>;
    /**
     * Current version of the platform team's stack; environments on an older
     * version show "upgrade available".
     * @visibility frontend
     */
    stackVersion?: string;
    /** Terraform runner settings. */
    terraform?: {
      /**
       * `terraform` or `tofu`, or a path to either.
       * @visibility backend
       */
      binary?: string;
      /**
       * Root folder for per-environment working dirs and local state.
       * @visibility backend
       */
      workDir?: string;
      /**
       * Provider plugin cache shared by all environments.
       * @visibility backend
       */
      pluginCacheDir?: string;
      /**
       * Filesystem mirror that holds the hashicorp/aws provider (offline installs).
       * @visibility backend
       */
      providerMirror?: string;
      /**
       * State backend. `local` keeps state in the working dir (plan mode, tests);
       * `s3` uses a bucket with `use_lockfile` and a KMS key.
       * @visibility backend
       */
      backend?:
        | {
            type: 's3';
            bucket: string;
            region: string;
            keyPrefix?: string;
            kmsKeyId: string;
          }
        | {
            type: 'local';
            /**
             * Allow apply mode with local state (single-machine evaluation only:
             * the state is lost with the machine). Default false.
             * @visibility backend
             */
            allowLocalState?: boolean;
          };
      /** Per-command time limits. */
      timeouts?: {
        /** @visibility backend */
        initSeconds?: number;
        /** @visibility backend */
        planSeconds?: number;
        /** @visibility backend */
        applySeconds?: number;
      };
    };
    /** Where a platform team may legitimately relax the exfiltration policy. */
    guardrails?: {
      /**
       * Extra domains the DNS firewall allows (G5); shown as a relaxation.
       * @visibility frontend
       */
      allowedExtraDomains?: string[];
      /**
       * Allow `0.0.0.0/0` among WorkSpaces client CIDRs (G7). Off by default.
       * @visibility frontend
       */
      allowAnyClientCidr?: boolean;
      /**
       * Terraform resource types allowed beyond the closed-world allow-list
       * (G11), e.g. `aws_sns_topic`, after a security review; each is shown
       * as a relaxation.
       * @visibility frontend
       */
      allowedExtraResourceTypes?: string[];
      /**
       * AWS Organizations id (o-…). When set, the endpoint policies' resource
       * perimeter (G3) is the organization (aws:ResourceOrgID) instead of the
       * environment account (aws:ResourceAccount); shown as a relaxation.
       * @visibility backend
       */
      organizationId?: string;
    };
    /** Desktop settings the platform team owns (docs/session-lockdown.md). */
    workspaces?: {
      /**
       * Hardened WorkSpaces bundles a desktop may use (G12), each with the
       * lock-down it carries. Empty: plan mode reports "session lock-down:
       * not configured"; apply mode refuses to provision.
       * @visibility frontend
       */
      approvedBundles?: Array<{
        /** Bundle name as DescribeWorkspaceBundles reports it. */
        name: string;
        /** Owning account id (custom bundle) or AMAZON (public bundle + GPO). */
        owner: string;
        /** Bundle ids carrying this name (per region); others are unapproved. */
        bundleIds?: string[];
        /** The hardened image the bundle must be built from. */
        imageId?: string;
        platform: 'ubuntu' | 'windows';
        /** Each control: blocked (or watermark shown), who enforces it, and how. */
        lockDown: {
          clipboardIn: { blocked: boolean; enforcedBy: string; how: string };
          clipboardOut: { blocked: boolean; enforcedBy: string; how: string };
          fileTransfer: { blocked: boolean; enforcedBy: string; how: string };
          printing: { blocked: boolean; enforcedBy: string; how: string };
          usb: { blocked: boolean; enforcedBy: string; how: string };
          webcam: { blocked: boolean; enforcedBy: string; how: string };
          watermark: { shown: boolean; enforcedBy: string; how: string };
        };
      }>;
    };
    /** Live status API. */
    status?: {
      /**
       * How long AWS status is cached, in seconds (default 30).
       * @visibility backend
       */
      cacheTtlSeconds?: number;
    };
    /**
     * Group entity ref whose members may manage every environment.
     * @visibility backend
     */
    adminGroup?: string;
    /** Scheduled drift checks: `terraform plan -refresh-only` of every ready environment. */
    drift?: {
      /**
       * Run the checks. Default: on in apply mode, off in plan mode.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * How often each environment is checked: an ISO 8601 duration (`PT6H`)
       * or `{ days, hours, minutes, seconds }`. Default `{ hours: 6 }`. The
       * older form of `schedule.frequency`, still honoured when `schedule` is
       * absent (the round's timeout is then the interval too).
       * @visibility backend
       */
      interval?:
        | string
        | { days?: number; hours?: number; minutes?: number; seconds?: number };
      /**
       * When the checks run, in Backstage's task schedule shape, read by
       * `readSchedulerServiceTaskScheduleDefinitionFromConfig`. Wins over
       * `interval`. `frequency` defaults to `interval`; `timeout` to the
       * frequency (6 hours for a cron or manual trigger); `initialDelay` to
       * 5 minutes. The scope is always `global` (one replica per round):
       * `local` is refused.
       * @visibility backend
       */
      schedule?: {
        frequency?: TaskDuration | { cron: string } | { trigger: 'manual' };
        timeout?: TaskDuration;
        initialDelay?: TaskDuration;
        scope?: 'global';
      };
    };
    /** Operation heartbeats and the reconciler that releases dead ones. */
    operations?: {
      /**
       * How often a running operation reports it is alive, in seconds (default 15).
       * @visibility backend
       */
      heartbeatSeconds?: number;
      /**
       * A running operation silent this long is released if its task is not alive (default 300).
       * @visibility backend
       */
      staleAfterSeconds?: number;
      /**
       * How often the reconciler runs (once across replicas): ISO 8601 duration
       * or `{ days, hours, minutes, seconds }`. Default `{ minutes: 1 }`.
       * @visibility backend
       */
      reconcileInterval?:
        | string
        | { days?: number; hours?: number; minutes?: number; seconds?: number };
    };
    /** Fleet rollout of a new stack version (members of `adminGroup`, the Fleet view). */
    fleet?: {
      /**
       * Environments planned or upgraded at once (default: one per CPU core of the backend).
       * @visibility backend
       */
      concurrency?: number;
      /**
       * Environments in the rollout's first, canary wave (default 1).
       * @visibility backend
       */
      canarySize?: number;
    };
  };
}
