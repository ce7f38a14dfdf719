/**
 * An in-memory AWS for the provisioning code, wired into real SDK clients with
 * aws-sdk-client-mock (instance-level stubs, so tests and bench runs do not
 * interfere). Used by the mocked-AWS tests and by bench/provision.
 *
 * It models just enough service behaviour to exercise the code for real:
 * pagination, the 25-item limits (violations throw), WorkSpaces going
 * PENDING → AVAILABLE after a number of polls, per-request FailedRequests,
 * throttling bursts, directory data access transitions, secrets that already
 * exist. It also records every password sent to ResetUserPassword /
 * CreateSecret / PutSecretValue, so tests can prove they appear nowhere else.
 *
 * The clients the code gets are the production ones (createEnclaveAwsClients),
 * so the SDK's middleware runs for real, including its retry strategy, the
 * product's only retry layer. The fake sits where HTTP would be: a
 * middleware after the retry step hands the command to an aws-sdk-client-mock
 * stub (`mocks`, for commandCalls and per-test overrides), and the DS Data
 * client gets an HTTP handler that answers REST-JSON. An injected throttle is
 * therefore retried by the SDK exactly as a real one would be; the fake only
 * shortens the backoff (ConfiguredRetryStrategy, same attempt budget).
 *
 * AWS behaviours the code must survive, each modelled after its source:
 *  - S3: a bucket with any object version or delete marker refuses DeleteBucket
 *    with BucketNotEmpty (S3 API reference, DeleteBucket: "All objects
 *    (including all object versions and delete markers) in the bucket must be
 *    deleted before the bucket itself can be deleted"; error code
 *    BucketNotEmpty, 409, S3 "Error codes"); DeleteObjects takes at most 1,000
 *    keys and ListObjectVersions returns at most MaxKeys (<= 1000) entries
 *    (botocore s3/2006-03-01/service-2.json).
 *  - Secrets Manager: a secret scheduled for deletion keeps its name: CreateSecret
 *    answers InvalidRequestException ("The secret is scheduled for deletion",
 *    botocore secretsmanager/2017-10-17 InvalidRequestException), and after
 *    ForceDeleteWithoutRecovery the name is released only after "a short
 *    delay" (DeleteSecret, ForceDeleteWithoutRecovery).
 *  - KMS: using a customer managed key needs the key policy to delegate to the
 *    account (or name the caller) *and* the caller's own IAM rights (AWS KMS
 *    Developer Guide, "Key policies in AWS KMS": "Unless the key policy
 *    explicitly allows it, you cannot use IAM policies to allow access to a
 *    KMS key"); otherwise the calling service fails (Secrets Manager:
 *    EncryptionFailure / KMS AccessDeniedException).
 *  - WorkSpaces: DeregisterWorkspaceDirectory is refused while WorkSpaces
 *    remain (its documentation: "If any WorkSpaces are registered to this
 *    directory, you must remove them before you can deregister the
 *    directory"), with InvalidResourceStateException or
 *    OperationNotSupportedException (both in its error list, botocore
 *    workspaces/2015-04-08).
 *  - Directory Service: a user just created through DS Data is briefly not
 *    visible to ResetUserPassword (UserDoesNotExistException, botocore
 *    ds/2015-04-16), see `userVisibilityLag`.
 *  - EMR: an idle cluster terminates itself (AutoTerminationPolicy) and then
 *    reads as TERMINATED, which the provider treats as gone
 *    (internal/service/emr/cluster.go, findClusterByID); see idleOut().
 */
import {
  DataAccessStatus,
  DescribeDirectoriesCommand,
  DescribeDirectoryDataAccessCommand,
  DirectoryServiceClient,
  EnableDirectoryDataAccessCommand,
  ResetUserPasswordCommand,
} from '@aws-sdk/client-directory-service';
import {
  Cluster,
  DescribeClusterCommand,
  EMRClient,
  ListClustersCommand,
  RunJobFlowCommand,
  RunJobFlowInput,
  TerminateJobFlowsCommand,
} from '@aws-sdk/client-emr';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateWorkspacesCommand,
  CreateWorkspacesRequest,
  DeregisterWorkspaceDirectoryCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesRequest,
  TerminateWorkspacesCommand,
  Workspace,
  WorkspaceBundle,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import {
  ENCLAVE_MAX_ATTEMPTS,
  createEnclaveAwsClients,
  type EnclaveAwsClients,
} from '../clients';
import {
  DirectoryServiceDataClient,
  type DirectoryDataHttpHandler,
} from '../directoryDataClient';
import type {
  CreateUserRequest,
  DeleteUserRequest,
  DescribeUserRequest,
  DirectoryDataApi,
} from '../directoryDataClient';
import type { EnclaveLogger } from '../types';
import type { Timing } from '../timing';

export const DIRECTORY_ID = 'd-0123456789';
export const KMS_KEY_ARN =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** `SMITHY_CONTEXT_KEY` of @smithy/types: where the command instance travels. */
const SMITHY_CONTEXT_KEY = '__smithy_context';

/** Nothing may reach the network from a FakeAws client. */
const NO_NETWORK = {
  metadata: { handlerProtocol: 'http/1.1' },
  handle: async () => {
    throw new Error('FakeAws: a request reached the HTTP layer');
  },
  destroy: () => {},
  updateHttpClientConfig: () => {},
  httpHandlerConfigs: () => ({}),
};

/**
 * The fake's transport: after the SDK's retry (and signing) middleware, the
 * command goes to the stub instead of HTTP. Errors thrown by the stub reach
 * the retry middleware like deserialized service errors do.
 */
function routeToStub(
  client: { middlewareStack: { add: (...args: any[]) => void } },
  stub: { send: (command: any) => Promise<any> },
): void {
  client.middlewareStack.add(
    (_next: unknown, context: Record<string, any>) => async () => {
      const command = context[SMITHY_CONTEXT_KEY]?.commandInstance;
      const output = await stub.send(command);
      return { output: { ...output, $metadata: {} }, response: {} };
    },
    { step: 'finalizeRequest', priority: 'low', name: 'fakeAwsTransport' },
  );
}

export function awsError(
  name: string,
  message = name,
  httpStatusCode = 400,
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}

export const DEFAULT_BUNDLES: WorkspaceBundle[] = [
  'Standard with Amazon Linux 2',
  'Performance with Ubuntu 22.04',
  'Standard with Windows 10 (Server 2019 based)',
  'Standard with Ubuntu 22.04',
  'Power with Ubuntu 22.04',
  'Standard with Ubuntu 20.04',
  'Value with Windows 10',
].map((Name, i) => ({
  BundleId: `wsb-${String(i).padStart(9, '0')}`,
  Name,
  Owner: 'AMAZON',
  State: 'AVAILABLE',
  ComputeType: { Name: Name.split(' ')[0].toUpperCase() as 'STANDARD' },
}));

export interface FakeAwsOptions {
  /** Simulated latency per API call (ms, real timers). */
  latencyMs?: number;
  bundles?: WorkspaceBundle[];
  bundlePageSize?: number;
  /** DescribeWorkspaces calls a new WorkSpace answers PENDING before AVAILABLE (default 1). */
  pendingPolls?: number;
  /** Statuses returned by successive DescribeDirectoryDataAccess calls; the last repeats. */
  dataAccess?: string[];
  /** ResetUserPassword calls a new user answers UserDoesNotExistException first (default 0; tests of the wait set it). */
  userVisibilityLag?: number;
  /** CreateSecret calls a force-deleted name stays blocked (default 1). */
  forceDeletePurgeCalls?: number;
  /** DescribeCluster calls a new cluster answers STARTING before WAITING (default 1). */
  clusterStartPolls?: number;
}

/** One entry of a versioned bucket: an object version or a delete marker. */
export interface FakeObjectVersion {
  Key: string;
  VersionId: string;
  deleteMarker?: boolean;
}

export interface FakeKmsKey {
  /** The key policy delegates to the account (the "Enable IAM policies" statement). */
  keyPolicyDelegatesToAccount: boolean;
  /** The caller's IAM policy allows the kms:* actions the service needs. */
  callerMayUse: boolean;
  pendingDeletion?: boolean;
}

type Handler<I, O> = (input: I) => O | Promise<O>;

export class FakeAws {
  readonly clients: EnclaveAwsClients;
  readonly mocks: {
    workspaces: AwsStub<any, any, any>;
    directoryService: AwsStub<any, any, any>;
    secretsManager: AwsStub<any, any, any>;
    emr: AwsStub<any, any, any>;
    s3: AwsStub<any, any, any>;
  };
  /** Every call, by API name. */
  readonly counts = new Map<string, number>();
  /** Every call in order (tests may push their own events, e.g. terraform runs). */
  readonly callLog: string[] = [];
  /** Whether the directory is registered with WorkSpaces. */
  directoryRegistered = true;
  /** Upcoming transient DeregisterWorkspaceDirectory failures. */
  deregisterFailures = 0;
  /** Error code of those failures (both are in the operation's error list). */
  deregisterFailureCode:
    | 'InvalidResourceStateException'
    | 'OperationNotSupportedException' = 'InvalidResourceStateException';
  /** Versioned buckets by name. */
  readonly buckets = new Map<string, FakeObjectVersion[]>();
  /** KMS keys by ARN (the default key is usable). */
  readonly kmsKeys = new Map<string, FakeKmsKey>([
    [KMS_KEY_ARN, { keyPolicyDelegatesToAccount: true, callerMayUse: true }],
  ]);
  /** EMR clusters by id. */
  readonly clusters = new Map<
    string,
    { request: RunJobFlowInput; cluster: Cluster; polls: number }
  >();
  /** Names blocked by a force-deleted secret: CreateSecret calls left. */
  private readonly purging = new Map<string, number>();
  /** Users not yet visible to ResetUserPassword: calls left. */
  private readonly invisibleUsers = new Map<string, number>();
  /** Passwords the code sent to AWS (ResetUserPassword, secret values). */
  readonly passwordsSent: string[] = [];
  readonly workspaces = new Map<string, Workspace & { polls: number }>();
  readonly secrets = new Map<
    string,
    { kmsKeyId?: string; tags?: unknown; values: string[]; deleted?: boolean }
  >();
  readonly directoryUsers = new Map<string, { email?: string }>();
  /** Upcoming throttling errors per API name. */
  readonly throttles = new Map<string, number>();
  /** Per-user CreateWorkspaces FailedRequests: code/message, for `times` attempts. */
  readonly createFailures = new Map<
    string,
    { code: string; message: string; times: number }
  >();
  /** Users whose WorkSpace goes to ERROR instead of AVAILABLE. */
  readonly workspaceErrors = new Map<string, string>();
  dataAccess: string[];
  private readonly options: FakeAwsOptions;
  private nextId = 1;

  constructor(options: FakeAwsOptions = {}) {
    this.options = options;
    this.dataAccess = [...(options.dataAccess ?? [DataAccessStatus.ENABLED])];
    const config = {
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    };
    // The stubs behind the transport (what aws-sdk-client-mock records).
    const inner = {
      workspaces: new WorkSpacesClient(config),
      directoryService: new DirectoryServiceClient(config),
      secretsManager: new SecretsManagerClient(config),
      emr: new EMRClient(config),
      s3: new S3Client(config),
    };
    this.mocks = {
      workspaces: mockClient(inner.workspaces),
      directoryService: mockClient(inner.directoryService),
      secretsManager: mockClient(inner.secretsManager),
      emr: mockClient(inner.emr),
      s3: mockClient(inner.s3),
    };
    const retryStrategy = new ConfiguredRetryStrategy(ENCLAVE_MAX_ATTEMPTS, 1);
    const real = createEnclaveAwsClients({
      ...config,
      retryStrategy,
      requestHandler: NO_NETWORK as never,
    });
    for (const key of Object.keys(inner) as (keyof typeof inner)[]) {
      routeToStub(real[key], inner[key]);
    }
    this.clients = {
      ...real,
      directoryData: new DirectoryServiceDataClient({
        ...config,
        retryStrategy,
        requestHandler: this.directoryDataHandler(this.directoryDataApi()),
      }),
    };
    this.wire();
  }

  /** Sum of all calls. */
  totalCalls(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  count(api: string): number {
    return this.counts.get(api) ?? 0;
  }

  throttle(api: string, times: number): void {
    this.throttles.set(api, times);
  }

  seedWorkspace(userName: string, state = 'AVAILABLE'): string {
    const id = `ws-${String(this.nextId++).padStart(9, '0')}`;
    this.workspaces.set(id, {
      WorkspaceId: id,
      DirectoryId: DIRECTORY_ID,
      UserName: userName,
      State: state as 'AVAILABLE',
      polls: Number.MAX_SAFE_INTEGER,
    });
    this.directoryUsers.set(userName.toLowerCase(), {});
    return id;
  }

  restore(): void {
    for (const mock of Object.values(this.mocks)) mock.restore();
  }

  private async call<I, O>(
    api: string,
    input: I,
    fn: Handler<I, O>,
  ): Promise<O> {
    this.counts.set(api, (this.counts.get(api) ?? 0) + 1);
    this.callLog.push(api);
    if (this.options.latencyMs) {
      await new Promise(r => setTimeout(r, this.options.latencyMs));
    }
    const pending = this.throttles.get(api) ?? 0;
    if (pending > 0) {
      this.throttles.set(api, pending - 1);
      throw awsError('ThrottlingException', 'Rate exceeded');
    }
    return fn(input);
  }

  private on<I, O>(
    mock: AwsStub<any, any, any>,
    command: new (...args: any[]) => { readonly input: I },
    api: string,
    fn: Handler<I, O>,
  ): void {
    mock.on(command as any).callsFake((input: I) => this.call(api, input, fn));
  }

  private wire(): void {
    const {
      workspaces: ws,
      directoryService: ds,
      secretsManager: sm,
      emr,
    } = this.mocks;

    this.on(
      ws,
      DescribeWorkspaceBundlesCommand,
      'DescribeWorkspaceBundles',
      input => {
        const all = (this.options.bundles ?? DEFAULT_BUNDLES).filter(
          b => !input.Owner || b.Owner === input.Owner,
        );
        const size = this.options.bundlePageSize ?? 3;
        const start = Number(input.NextToken ?? 0);
        const next = start + size;
        return {
          Bundles: all.slice(start, next),
          ...(next < all.length ? { NextToken: String(next) } : {}),
        };
      },
    );
    this.on(ws, CreateWorkspacesCommand, 'CreateWorkspaces', input =>
      this.createWorkspaces(input),
    );
    this.on(ws, DescribeWorkspacesCommand, 'DescribeWorkspaces', input =>
      this.describeWorkspaces(input),
    );
    this.on(ws, TerminateWorkspacesCommand, 'TerminateWorkspaces', input => {
      const requests = input.TerminateWorkspaceRequests ?? [];
      if (requests.length > 25) throw awsError('ValidationException', '> 25');
      const FailedRequests = [];
      for (const { WorkspaceId } of requests) {
        const w = this.workspaces.get(WorkspaceId ?? '');
        if (!w) {
          FailedRequests.push({
            WorkspaceId,
            ErrorCode: 'ResourceNotFound.Workspace',
          });
          continue;
        }
        w.State = 'TERMINATING';
        w.polls = 0;
      }
      return { FailedRequests };
    });
    this.on(
      ws,
      DeregisterWorkspaceDirectoryCommand,
      'DeregisterWorkspaceDirectory',
      () => {
        const live = [...this.workspaces.values()].some(
          w => w.State !== 'TERMINATED',
        );
        if (live) {
          throw awsError(
            'InvalidResourceStateException',
            'The directory has WorkSpaces or authorized applications',
          );
        }
        if (this.deregisterFailures > 0) {
          this.deregisterFailures--;
          throw awsError(
            this.deregisterFailureCode,
            this.deregisterFailureCode === 'OperationNotSupportedException'
              ? 'This operation is not supported.'
              : 'The state of the resource is not valid for this operation.',
          );
        }
        if (!this.directoryRegistered) {
          throw awsError('ResourceNotFoundException', 'not registered');
        }
        this.directoryRegistered = false;
        return {};
      },
    );
    this.on(
      ws,
      DescribeWorkspaceDirectoriesCommand,
      'DescribeWorkspaceDirectories',
      () => ({
        Directories: [],
      }),
    );

    this.on(
      ds,
      DescribeDirectoryDataAccessCommand,
      'DescribeDirectoryDataAccess',
      () => ({
        DataAccessStatus: (this.dataAccess.length > 1
          ? this.dataAccess.shift()
          : this.dataAccess[0]) as DataAccessStatus,
      }),
    );
    this.on(
      ds,
      EnableDirectoryDataAccessCommand,
      'EnableDirectoryDataAccess',
      () => {
        return {};
      },
    );
    this.on(ds, ResetUserPasswordCommand, 'ResetUserPassword', input => {
      const key = (input.UserName ?? '').toLowerCase();
      const lag = this.invisibleUsers.get(key) ?? 0;
      if (!this.directoryUsers.has(key) || lag > 0) {
        if (lag > 0) this.invisibleUsers.set(key, lag - 1);
        throw awsError(
          'UserDoesNotExistException',
          'The user provided a username that does not exist in your directory.',
        );
      }
      this.passwordsSent.push(input.NewPassword ?? '');
      return {};
    });
    this.on(ds, DescribeDirectoriesCommand, 'DescribeDirectories', input => ({
      DirectoryDescriptions: (input.DirectoryIds ?? []).map(DirectoryId => ({
        DirectoryId,
        Name: 'corp.example.com',
        Stage: 'Active' as const,
      })),
    }));

    const recordSecret = (value?: string) => {
      if (value) this.passwordsSent.push(JSON.parse(value).password);
    };
    this.on(sm, CreateSecretCommand, 'CreateSecret', input => {
      const existing = this.secrets.get(input.Name!);
      const purgeCalls = this.purging.get(input.Name!) ?? 0;
      if (existing?.deleted || purgeCalls > 0) {
        if (purgeCalls > 0) this.purging.set(input.Name!, purgeCalls - 1);
        throw awsError(
          'InvalidRequestException',
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      this.requireUsableKey(input.KmsKeyId);
      if (existing) {
        throw awsError(
          'ResourceExistsException',
          `${input.Name} already exists`,
        );
      }
      recordSecret(input.SecretString);
      this.secrets.set(input.Name!, {
        kmsKeyId: input.KmsKeyId,
        tags: input.Tags,
        values: [input.SecretString!],
      });
      return { Name: input.Name };
    });
    this.on(sm, PutSecretValueCommand, 'PutSecretValue', input => {
      const secret = this.secrets.get(input.SecretId!);
      if (!secret) throw awsError('ResourceNotFoundException');
      if (secret.deleted) {
        throw awsError(
          'InvalidRequestException',
          'secret is marked for deletion',
        );
      }
      recordSecret(input.SecretString);
      secret.values.push(input.SecretString!);
      return {};
    });
    this.on(sm, DescribeSecretCommand, 'DescribeSecret', input => {
      const secret = this.secrets.get(input.SecretId!);
      if (!secret) throw awsError('ResourceNotFoundException');
      return {
        Name: input.SecretId,
        ...(secret.deleted ? { DeletedDate: new Date(0) } : {}),
      };
    });
    this.on(sm, RestoreSecretCommand, 'RestoreSecret', input => {
      const secret = this.secrets.get(input.SecretId!);
      if (!secret) throw awsError('ResourceNotFoundException');
      secret.deleted = false;
      return {};
    });
    this.on(sm, DeleteSecretCommand, 'DeleteSecret', input => {
      const secret = this.secrets.get(input.SecretId!);
      // "If you forcibly delete an already deleted or nonexistent secret, the
      // operation does not return ResourceNotFoundException."
      if (!secret && input.ForceDeleteWithoutRecovery) return {};
      if (!secret) throw awsError('ResourceNotFoundException');
      if (input.ForceDeleteWithoutRecovery) {
        this.secrets.delete(input.SecretId!);
        // Purged asynchronously: the name is blocked a little longer.
        this.purging.set(
          input.SecretId!,
          this.options.forceDeletePurgeCalls ?? 1,
        );
      } else if (secret.deleted) {
        throw awsError(
          'InvalidRequestException',
          'You tried to perform the operation on a secret that is currently marked deleted.',
        );
      } else secret.deleted = true;
      return {};
    });

    this.wireEmr(emr);
    this.wireS3(this.mocks.s3);
  }

  /** Seeds a versioned bucket with `objects` keys, each with `versions` versions and one delete marker. */
  seedBucket(name: string, objects: number, versions = 2): void {
    const entries: FakeObjectVersion[] = [];
    for (let i = 0; i < objects; i++) {
      for (let v = 0; v < versions; v++)
        entries.push({ Key: `emr-logs/part-${i}`, VersionId: `v${v}-${i}` });
      entries.push({
        Key: `emr-logs/part-${i}`,
        VersionId: `dm-${i}`,
        deleteMarker: true,
      });
    }
    this.buckets.set(name, entries);
  }

  /** The cluster idles out: EMR terminates it (AutoTerminationPolicy). */
  idleOut(clusterId: string): void {
    const entry = this.clusters.get(clusterId);
    if (!entry) throw new Error(`no cluster ${clusterId}`);
    entry.cluster.Status = {
      State: 'TERMINATED',
      StateChangeReason: {
        Code: 'ALL_STEPS_COMPLETED',
        Message: 'Cluster was terminated after it was idle',
      },
    };
  }

  /**
   * What the provider's delete of the bucket and the key does against AWS
   * (stand-in terraform cannot call the fake): DeleteBucket, which fails with
   * BucketNotEmpty while anything is left (bucket.go resourceBucketDelete,
   * force_destroy false), and ScheduleKeyDeletion.
   */
  async destroyBucketAndKey(bucket: string, keyArn = KMS_KEY_ARN) {
    await this.clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    const key = this.kmsKeys.get(keyArn);
    if (key) key.pendingDeletion = true;
  }

  private requireUsableKey(keyId?: string): void {
    if (!keyId) return;
    const key = this.kmsKeys.get(keyId);
    if (!key || key.pendingDeletion) {
      throw awsError(
        'EncryptionFailure',
        `Secrets Manager can't encrypt the protected secret text using the provided KMS key ${keyId}: it is not available (disabled, pending deletion or unknown).`,
      );
    }
    if (!key.keyPolicyDelegatesToAccount || !key.callerMayUse) {
      throw awsError(
        'EncryptionFailure',
        `Access to KMS is not allowed: the key policy of ${keyId} must allow the account (or the caller) and the caller needs kms:GenerateDataKey and kms:Decrypt.`,
      );
    }
  }

  private wireS3(s3: AwsStub<any, any, any>): void {
    this.on(s3, ListObjectVersionsCommand, 'ListObjectVersions', input => {
      const entries = this.buckets.get(input.Bucket!);
      if (!entries)
        throw awsError(
          'NoSuchBucket',
          'The specified bucket does not exist',
          404,
        );
      const max = Math.min(input.MaxKeys ?? 1000, 1000);
      const page = entries.slice(0, max);
      return {
        Versions: page
          .filter(e => !e.deleteMarker)
          .map(({ Key, VersionId }) => ({ Key, VersionId })),
        DeleteMarkers: page
          .filter(e => e.deleteMarker)
          .map(({ Key, VersionId }) => ({ Key, VersionId })),
        IsTruncated: entries.length > max,
      };
    });
    this.on(s3, DeleteObjectsCommand, 'DeleteObjects', input => {
      const entries = this.buckets.get(input.Bucket!);
      if (!entries)
        throw awsError(
          'NoSuchBucket',
          'The specified bucket does not exist',
          404,
        );
      const objects = input.Delete?.Objects ?? [];
      if (objects.length > 1000)
        throw awsError('MalformedXML', `${objects.length} > 1000 keys`);
      const gone = new Set(objects.map(o => `${o.Key}\u0000${o.VersionId}`));
      this.buckets.set(
        input.Bucket!,
        entries.filter(e => !gone.has(`${e.Key}\u0000${e.VersionId}`)),
      );
      return {
        Deleted: objects.map(o => ({ Key: o.Key, VersionId: o.VersionId })),
      };
    });
    this.on(s3, DeleteBucketCommand, 'DeleteBucket', input => {
      const entries = this.buckets.get(input.Bucket!);
      if (!entries)
        throw awsError(
          'NoSuchBucket',
          'The specified bucket does not exist',
          404,
        );
      if (entries.length > 0)
        throw awsError(
          'BucketNotEmpty',
          'The bucket you tried to delete is not empty',
          409,
        );
      this.buckets.delete(input.Bucket!);
      return {};
    });
  }

  private wireEmr(emr: AwsStub<any, any, any>): void {
    this.on(emr, RunJobFlowCommand, 'RunJobFlow', input => {
      const id = `j-${String(this.nextId++).padStart(13, '0')}`;
      this.clusters.set(id, {
        request: input,
        polls: 0,
        cluster: {
          Id: id,
          Name: input.Name,
          Tags: input.Tags,
          Status: { State: 'STARTING' },
        },
      });
      return { JobFlowId: id };
    });
    this.on(emr, ListClustersCommand, 'ListClusters', input => ({
      Clusters: [...this.clusters.values()]
        .filter(
          c =>
            !input.ClusterStates ||
            input.ClusterStates.includes(c.cluster.Status!.State!),
        )
        .map(c => ({
          Id: c.cluster.Id,
          Name: c.cluster.Name,
          Status: c.cluster.Status,
        })),
    }));
    this.on(emr, DescribeClusterCommand, 'DescribeCluster', input => {
      const entry = this.clusters.get(input.ClusterId!);
      if (!entry)
        throw awsError(
          'InvalidRequestException',
          `Cluster id '${input.ClusterId}' is not valid.`,
        );
      entry.polls++;
      const state = entry.cluster.Status!.State;
      if (
        state === 'STARTING' &&
        entry.polls > (this.options.clusterStartPolls ?? 1)
      ) {
        entry.cluster.Status = {
          State: 'WAITING',
          StateChangeReason: { Message: 'Cluster ready to run steps.' },
        };
        entry.cluster.MasterPublicDnsName =
          'ip-10-1-0-20.eu-west-1.compute.internal';
      }
      if (state === 'TERMINATING')
        entry.cluster.Status = { State: 'TERMINATED' };
      return { Cluster: entry.cluster };
    });
    this.on(emr, TerminateJobFlowsCommand, 'TerminateJobFlows', input => {
      for (const id of input.JobFlowIds ?? []) {
        const entry = this.clusters.get(id);
        if (entry) entry.cluster.Status = { State: 'TERMINATING' };
      }
      return {};
    });
  }

  private createWorkspaces(input: CreateWorkspacesRequest) {
    const requests = input.Workspaces ?? [];
    if (requests.length > 25) {
      throw awsError('ValidationException', `${requests.length} > 25 requests`);
    }
    const PendingRequests: Workspace[] = [];
    const FailedRequests = [];
    for (const request of requests) {
      const key = (request.UserName ?? '').toLowerCase();
      const failure = this.createFailures.get(key);
      if (failure && failure.times > 0) {
        failure.times--;
        FailedRequests.push({
          WorkspaceRequest: request,
          ErrorCode: failure.code,
          ErrorMessage: failure.message,
        });
        continue;
      }
      if (!this.directoryUsers.has(key)) {
        FailedRequests.push({
          WorkspaceRequest: request,
          ErrorCode: 'ResourceNotFound.User',
          ErrorMessage: 'The user was not found in the directory',
        });
        continue;
      }
      const id = `ws-${String(this.nextId++).padStart(9, '0')}`;
      const workspace: Workspace = {
        WorkspaceId: id,
        DirectoryId: request.DirectoryId,
        UserName: request.UserName,
        BundleId: request.BundleId,
        State: 'PENDING',
        VolumeEncryptionKey: request.VolumeEncryptionKey,
        RootVolumeEncryptionEnabled: request.RootVolumeEncryptionEnabled,
        UserVolumeEncryptionEnabled: request.UserVolumeEncryptionEnabled,
        WorkspaceProperties: request.WorkspaceProperties,
      };
      this.workspaces.set(id, { ...workspace, polls: 0 });
      PendingRequests.push(workspace);
    }
    return { PendingRequests, FailedRequests };
  }

  private advance(w: Workspace & { polls: number }): void {
    w.polls++;
    const needed = this.options.pendingPolls ?? 1;
    if (w.State === 'PENDING' && w.polls > needed) {
      const error = this.workspaceErrors.get((w.UserName ?? '').toLowerCase());
      if (error) {
        w.State = 'ERROR';
        w.ErrorCode = error;
        w.ErrorMessage = 'The WorkSpace could not be provisioned';
      } else {
        w.State = 'AVAILABLE';
        w.IpAddress = `10.0.1.${w.polls + this.nextId}`;
      }
    }
    if (w.State === 'TERMINATING' && w.polls > needed) w.State = 'TERMINATED';
  }

  private describeWorkspaces(input: DescribeWorkspacesRequest) {
    const strip = ({ polls: _polls, ...w }: Workspace & { polls: number }) => w;
    if (input.WorkspaceIds) {
      if (input.WorkspaceIds.length > 25) {
        throw awsError(
          'ValidationException',
          `${input.WorkspaceIds.length} > 25 ids`,
        );
      }
      const found = input.WorkspaceIds.map(id =>
        this.workspaces.get(id),
      ).filter((w): w is Workspace & { polls: number } => !!w);
      found.forEach(w => this.advance(w));
      return { Workspaces: found.map(strip) };
    }
    const all = [...this.workspaces.values()].filter(
      w => !input.DirectoryId || w.DirectoryId === input.DirectoryId,
    );
    const size = input.Limit ?? 25;
    const start = Number(input.NextToken ?? 0);
    const next = start + size;
    return {
      Workspaces: all.slice(start, next).map(strip),
      ...(next < all.length ? { NextToken: String(next) } : {}),
    };
  }

  /**
   * Directory Service Data over "HTTP": the real client (signing, retries,
   * error parsing) talks REST-JSON to this handler (`POST /Users/<Op>`,
   * errors as `x-amzn-errortype`, like the service).
   */
  private directoryDataHandler(
    api: DirectoryDataApi,
  ): DirectoryDataHttpHandler {
    return {
      handle: async (request: HttpRequest) => {
        const operation = request.path.split('/').pop() ?? '';
        const body = JSON.parse(String(request.body ?? '{}'));
        const input = { ...body, DirectoryId: request.query.DirectoryId };
        const methods: Record<string, (i: any) => Promise<unknown>> = {
          CreateUser: i => api.createUser(i),
          DescribeUser: i => api.describeUser(i),
          DeleteUser: i => api.deleteUser(i),
        };
        try {
          const out = await methods[operation](input);
          return {
            response: new HttpResponse({
              statusCode: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(out),
            }),
          };
        } catch (error) {
          const e = error as Error & {
            $metadata?: { httpStatusCode?: number };
          };
          return {
            response: new HttpResponse({
              statusCode: e.$metadata?.httpStatusCode ?? 400,
              headers: {
                'content-type': 'application/json',
                'x-amzn-errortype': e.name,
              },
              body: JSON.stringify({ message: e.message }),
            }),
          };
        }
      },
    };
  }

  private directoryDataApi(): DirectoryDataApi {
    return {
      createUser: (input: CreateUserRequest) =>
        this.call('CreateUser', input, () => {
          const key = input.SAMAccountName.toLowerCase();
          if (this.directoryUsers.has(key)) {
            throw awsError('ConflictException', 'User already exists', 409);
          }
          this.directoryUsers.set(key, { email: input.EmailAddress });
          this.invisibleUsers.set(key, this.options.userVisibilityLag ?? 0);
          return { SAMAccountName: input.SAMAccountName, SID: `S-1-5-${key}` };
        }),
      describeUser: (input: DescribeUserRequest) =>
        this.call('DescribeUser', input, () => {
          const user = this.directoryUsers.get(
            input.SAMAccountName.toLowerCase(),
          );
          if (!user)
            throw awsError('ResourceNotFoundException', 'no user', 404);
          return {
            SAMAccountName: input.SAMAccountName,
            ...(user.email ? { EmailAddress: user.email } : {}),
          };
        }),
      deleteUser: (input: DeleteUserRequest) =>
        this.call('DeleteUser', input, () => {
          if (!this.directoryUsers.delete(input.SAMAccountName.toLowerCase())) {
            throw awsError('ResourceNotFoundException', 'no user', 404);
          }
          return {};
        }),
    };
  }
}

/** A clock that jumps forward when "sleeping": real code paths, no real delay. */
export function fakeTiming(): Timing & { sleeps: number[]; elapsed(): number } {
  let now = 1_700_000_000_000;
  const start = now;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    elapsed: () => now - start,
    sleep: async (ms, signal) => {
      if (signal?.aborted) {
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      }
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}

/** A logger that keeps every line, for assertions and the secret scan. */
export function captureLogger(): EnclaveLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: m => lines.push(`info: ${m}`),
    warn: m => lines.push(`warn: ${m}`),
    error: m => lines.push(`error: ${m}`),
  };
}

export function makeUsers(n: number, prefix = 'user') {
  return Array.from({ length: n }, (_, i) => ({
    name: `${prefix}${String(i + 1).padStart(3, '0')}`,
    email: `${prefix}${i + 1}@example.com`,
    displayName: `User ${i + 1}`,
  }));
}
