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
 */
import {
  DataAccessStatus,
  DescribeDirectoriesCommand,
  DescribeDirectoryDataAccessCommand,
  DirectoryServiceClient,
  EnableDirectoryDataAccessCommand,
  ResetUserPasswordCommand,
} from '@aws-sdk/client-directory-service';
import { DescribeClusterCommand, EMRClient } from '@aws-sdk/client-emr';
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
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import type { EnclaveAwsClients } from '../clients';
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
}

type Handler<I, O> = (input: I) => O | Promise<O>;

export class FakeAws {
  readonly clients: EnclaveAwsClients;
  readonly mocks: {
    workspaces: AwsStub<any, any, any>;
    directoryService: AwsStub<any, any, any>;
    secretsManager: AwsStub<any, any, any>;
    emr: AwsStub<any, any, any>;
  };
  /** Every call, by API name. */
  readonly counts = new Map<string, number>();
  /** Every call in order (tests may push their own events, e.g. terraform runs). */
  readonly callLog: string[] = [];
  /** Whether the directory is registered with WorkSpaces. */
  directoryRegistered = true;
  /** Upcoming transient DeregisterWorkspaceDirectory failures. */
  deregisterFailures = 0;
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
    const workspaces = new WorkSpacesClient(config);
    const directoryService = new DirectoryServiceClient(config);
    const secretsManager = new SecretsManagerClient(config);
    const emr = new EMRClient(config);
    this.mocks = {
      workspaces: mockClient(workspaces),
      directoryService: mockClient(directoryService),
      secretsManager: mockClient(secretsManager),
      emr: mockClient(emr),
    };
    this.clients = {
      workspaces,
      directoryService,
      secretsManager,
      emr,
      directoryData: this.directoryDataApi(),
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
        if (live || this.deregisterFailures > 0) {
          if (!live) this.deregisterFailures--;
          throw awsError(
            'InvalidResourceStateException',
            'The directory has WorkSpaces or authorized applications',
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
      if (!this.directoryUsers.has((input.UserName ?? '').toLowerCase())) {
        throw awsError('UserDoesNotExistException', 'no such user');
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
      if (!secret) throw awsError('ResourceNotFoundException');
      if (input.ForceDeleteWithoutRecovery)
        this.secrets.delete(input.SecretId!);
      else secret.deleted = true;
      return {};
    });

    this.on(emr, DescribeClusterCommand, 'DescribeCluster', input => ({
      Cluster: {
        Id: input.ClusterId,
        Status: {
          State: 'WAITING' as const,
          StateChangeReason: { Message: 'Cluster ready to run steps.' },
        },
      },
    }));
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

  private directoryDataApi(): DirectoryDataApi {
    return {
      createUser: (input: CreateUserRequest) =>
        this.call('CreateUser', input, () => {
          const key = input.SAMAccountName.toLowerCase();
          if (this.directoryUsers.has(key)) {
            throw awsError('ConflictException', 'User already exists', 409);
          }
          this.directoryUsers.set(key, { email: input.EmailAddress });
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
