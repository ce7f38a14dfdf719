/*
 * Typed client for the enclave-backend HTTP API. Isomorphic: the caller supplies
 * discovery and fetch, so the frontend passes its fetchApi (which adds the user's
 * token) and the backend passes a fetch that adds a service token.
 */
import { ResponseError } from '@backstage/errors';
import {
  CreateEnvironmentRequest,
  EnvironmentLiveStatus,
  EnvironmentRecord,
  FinishOperationRequest,
  OperationRecord,
  StartOperationRequest,
  StartOperationResponse,
  UpdateEnvironmentRequest,
} from '../registry';
import type {
  FleetRunRecord,
  FleetStatusResponse,
  StartFleetPlanRequest,
  StartFleetRolloutRequest,
} from '../fleet';

/** Plugin id of the enclave backend, as used by discovery. */
export const ENCLAVE_PLUGIN_ID = 'enclave';

export interface EnclaveClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Per-call options; `token` overrides whatever the supplied fetch adds. */
export interface EnclaveRequestOptions {
  token?: string;
}

export interface ListEnvironmentsQuery {
  /** Owner group ref (`group:default/data-science` or `data-science`). */
  owner?: string;
  /** Include destroyed environments (default false). */
  includeDestroyed?: boolean;
}

/** What the reveal endpoint returns, exactly once per member. */
export interface InitialCredential {
  environmentId: string;
  username: string;
  password: string;
  deliveredAt: string;
}

/**
 * What starting the on-demand Spark cluster answers: the cluster EMR is
 * starting (`started: true`), or the one already starting/running/waiting.
 * @public
 */
export interface StartSparkResponse {
  /** EMR ClusterState (`STARTING`, `RUNNING`, `WAITING`, ...). */
  state: string;
  /** The EMR cluster (job flow) id. */
  clusterId?: string;
  /** EMR's state change reason, when it gave one. */
  stateReason?: string;
  /** Private DNS name of the primary node, once known. */
  primaryDns?: string;
  /** True when this call launched the cluster (RunJobFlow). */
  started: boolean;
}

export class EnclaveClient {
  private readonly discoveryApi: EnclaveClientOptions['discoveryApi'];
  private readonly fetchApi: EnclaveClientOptions['fetchApi'];

  constructor(options: EnclaveClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEnvironments(
    query: ListEnvironmentsQuery = {},
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord[]> {
    const params = new URLSearchParams();
    if (query.owner) params.set('owner', query.owner);
    if (query.includeDestroyed) params.set('includeDestroyed', 'true');
    const qs = params.toString();
    const body = await this.request<{ items: EnvironmentRecord[] }>(
      `/environments${qs ? `?${qs}` : ''}`,
      { method: 'GET' },
      options,
    );
    return body.items;
  }

  async getEnvironment(
    id: string,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord> {
    return this.request(`/environments/${enc(id)}`, { method: 'GET' }, options);
  }

  /**
   * The active (not destroyed) environment with this name in this team, or
   * undefined. Lets a retried action find what an earlier attempt created.
   */
  async findEnvironment(
    team: string,
    name: string,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord | undefined> {
    try {
      return await this.request<EnvironmentRecord>(
        `/environments/by-name/${enc(team)}/${enc(name)}`,
        { method: 'GET' },
        options,
      );
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** Service principals only. Also opens a `provision` operation (result running). */
  async createEnvironment(
    request: CreateEnvironmentRequest,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord> {
    return this.request(
      '/environments',
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  /**
   * Service principals only. With `operation`, records an audit row; without
   * `operation.id` a finished result closes the newest running operation of the
   * same kind.
   */
  async updateEnvironment(
    id: string,
    request: UpdateEnvironmentRequest,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord> {
    return this.request(
      `/environments/${enc(id)}/state`,
      { method: 'PATCH', body: JSON.stringify(request) },
      options,
    );
  }

  /**
   * Service principals only. Starts a lifecycle operation as a compare-and-set
   * in the store: 409 (with the holder named) when another task is changing
   * the environment, 400 when its state does not allow `kind`.
   */
  async startOperation(
    id: string,
    request: StartOperationRequest,
    options?: EnclaveRequestOptions,
  ): Promise<StartOperationResponse> {
    return this.request(
      `/environments/${enc(id)}/operations`,
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  /** Service principals only. Tells the reconciler the task is alive. */
  async heartbeatOperation(
    id: string,
    taskId: string,
    options?: EnclaveRequestOptions,
  ): Promise<void> {
    await this.request(
      `/environments/${enc(id)}/operations/current/heartbeat`,
      { method: 'POST', body: JSON.stringify({ taskId }) },
      options,
    );
  }

  /** Service principals only. Closes the task's operation and releases the environment. */
  async finishOperation(
    id: string,
    request: FinishOperationRequest,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentRecord> {
    return this.request(
      `/environments/${enc(id)}/operations/current/finish`,
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  async listOperations(
    id: string,
    options?: EnclaveRequestOptions,
  ): Promise<OperationRecord[]> {
    const body = await this.request<{ items: OperationRecord[] }>(
      `/environments/${enc(id)}/operations`,
      { method: 'GET' },
      options,
    );
    return body.items;
  }

  async getStatus(
    id: string,
    options?: EnclaveRequestOptions,
  ): Promise<EnvironmentLiveStatus> {
    return this.request(
      `/environments/${enc(id)}/status`,
      { method: 'GET' },
      options,
    );
  }

  /**
   * Returns the member's initial password once, to that user only.
   * `user` is the member's username or user entity ref.
   */
  async revealInitialCredential(
    id: string,
    user: string,
    options?: EnclaveRequestOptions,
  ): Promise<InitialCredential> {
    return this.request(
      `/environments/${enc(id)}/users/${enc(user)}/initial-credential`,
      { method: 'POST' },
      options,
    );
  }

  /**
   * Starts the environment's on-demand Spark (EMR) cluster; needs manage
   * permission. 409 when the environment is busy, not ready, or only planned.
   */
  async startSpark(
    id: string,
    options?: EnclaveRequestOptions,
  ): Promise<StartSparkResponse> {
    return this.request(
      `/environments/${enc(id)}/spark/start`,
      { method: 'POST' },
      options,
    );
  }

  /**
   * Fleet routes: members of `dataEnclave.adminGroup` only (403 otherwise).
   * Every environment with its version against the platform's, its last
   * fleet plan, and the newest plan and rollout runs.
   */
  async getFleet(
    options?: EnclaveRequestOptions,
  ): Promise<FleetStatusResponse> {
    return this.request('/fleet', { method: 'GET' }, options);
  }

  /**
   * Queues a fleet plan of every environment behind the platform's stack
   * version (202). The backend's fleet worker runs it; 409 while another
   * fleet run is queued or running.
   */
  async startFleetPlan(
    request: StartFleetPlanRequest = {},
    options?: EnclaveRequestOptions,
  ): Promise<FleetRunRecord> {
    return this.request(
      '/fleet/plans',
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  /**
   * Queues the rollout of a finished fleet plan's safe environments, canary
   * wave first (202). Destructive plans are held for per-environment approval.
   */
  async startFleetRollout(
    request: StartFleetRolloutRequest,
    options?: EnclaveRequestOptions,
  ): Promise<FleetRunRecord> {
    return this.request(
      '/fleet/rollouts',
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  /** One fleet run: its status, live progress per environment and result. */
  async getFleetRun(
    runId: string,
    options?: EnclaveRequestOptions,
  ): Promise<FleetRunRecord> {
    return this.request(
      `/fleet/runs/${enc(runId)}`,
      { method: 'GET' },
      options,
    );
  }

  private async request<T>(
    path: string,
    init: RequestInit,
    options?: EnclaveRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(ENCLAVE_PLUGIN_ID);
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
    });
    if (!response.ok) {
      throw await responseErrorWithReason(response);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

/**
 * `ResponseError.fromResponse` keeps the server's explanation only in
 * `cause`; its message is just "Request failed with 409 Conflict". Put the
 * server's message first so that a task log (or any `${error}`) reads what to
 * do next, e.g. "environment … already exists …; pick another name".
 */
async function responseErrorWithReason(
  response: Response,
): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(response);
  const reason = error.cause?.message;
  if (reason && !error.message.includes(reason)) {
    error.message = `${reason} (${error.message})`;
  }
  return error;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
