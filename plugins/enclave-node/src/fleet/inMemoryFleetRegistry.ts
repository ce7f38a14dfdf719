/*
 * A FleetRegistry without a backend: the CLI's `fleet plan --specs <dir>`
 * serves a directory of specs through it, and the fleet tests use it as the
 * registry. The claim is the same compare-and-set the enclave-backend store
 * makes (one running operation per environment; a conflict names the holder),
 * and every finished operation is kept as the audit trail and handed to
 * `onOperation` (the CLI writes it next to the environment's state).
 */
import { randomUUID } from 'node:crypto';
import {
  EnvironmentRecord,
  FinishOperationRequest,
  OperationRecord,
  StartOperationRequest,
  StartOperationResponse,
  UpdateEnvironmentRequest,
} from '@data-enclave/plugin-enclave-common';
import type { FleetRegistry } from './types';

export class FleetConflictError extends Error {
  constructor(message: string) {
    super(message);
    // The name the fleet's claim recognises, as the backend's ConflictError.
    this.name = 'ConflictError';
  }
}

export class InMemoryFleetRegistry implements FleetRegistry {
  private readonly environments = new Map<string, EnvironmentRecord>();
  private readonly operations: OperationRecord[] = [];

  constructor(
    environments: EnvironmentRecord[],
    private readonly onOperation?: (
      operation: OperationRecord,
      environment: EnvironmentRecord,
    ) => void,
  ) {
    for (const e of environments) this.environments.set(e.id, { ...e });
  }

  async listEnvironments(): Promise<EnvironmentRecord[]> {
    return [...this.environments.values()].map(e => ({ ...e }));
  }

  /** The audit trail of one environment, oldest first. */
  listOperations(id: string): OperationRecord[] {
    return this.operations.filter(o => o.environmentId === id);
  }

  async startOperation(
    id: string,
    request: StartOperationRequest,
  ): Promise<StartOperationResponse> {
    const environment = this.get(id);
    const holder = this.running(id);
    if (holder) {
      if (holder.taskId === request.taskId) {
        return { environment, operation: holder, resumed: true };
      }
      throw new FleetConflictError(
        `environment ${environment.name} is ${environment.state} (${holder.kind} by ${holder.initiator}, task ${holder.taskId}); wait for that task to finish`,
      );
    }
    if (!request.allowedStates.includes(environment.state)) {
      throw new Error(
        `environment ${environment.name} is ${environment.state}; ${
          request.kind
        } needs it ${request.allowedStates.join(' or ')}`,
      );
    }
    const now = new Date().toISOString();
    const operation: OperationRecord = {
      id: randomUUID(),
      environmentId: id,
      kind: request.kind,
      initiator: request.initiator,
      taskId: request.taskId,
      startedAt: now,
      result: 'running',
      fromState: environment.state,
      releaseState: request.releaseState ?? environment.state,
    };
    this.operations.push(operation);
    const claimed: EnvironmentRecord = {
      ...environment,
      state: request.busyState,
      currentOperation: {
        id: operation.id,
        kind: operation.kind,
        initiator: operation.initiator,
        taskId: operation.taskId,
        startedAt: now,
      },
      updatedAt: now,
    };
    this.environments.set(id, claimed);
    return { environment: { ...claimed }, operation, resumed: false };
  }

  async heartbeatOperation(id: string, taskId: string): Promise<void> {
    const holder = this.running(id);
    if (holder?.taskId === taskId)
      holder.heartbeatAt = new Date().toISOString();
  }

  async finishOperation(
    id: string,
    request: FinishOperationRequest,
  ): Promise<EnvironmentRecord> {
    const holder = this.running(id);
    if (!holder || holder.taskId !== request.taskId) {
      throw new FleetConflictError(
        `task ${request.taskId} holds no operation on ${id}`,
      );
    }
    Object.assign(holder, {
      result: request.result,
      finishedAt: new Date().toISOString(),
      ...(request.error ? { error: request.error } : {}),
      ...(request.detail ? { detail: request.detail } : {}),
    });
    const { currentOperation: _released, ...rest } = this.get(id);
    const change = request.change ?? {};
    const updated = this.apply(rest as EnvironmentRecord, {
      state: holder.releaseState,
      ...change,
    });
    this.onOperation?.({ ...holder }, updated);
    return updated;
  }

  async updateEnvironment(
    id: string,
    request: UpdateEnvironmentRequest,
  ): Promise<EnvironmentRecord> {
    return this.apply(this.get(id), request);
  }

  private apply(
    environment: EnvironmentRecord,
    change: Omit<UpdateEnvironmentRequest, 'operation'>,
  ): EnvironmentRecord {
    const next: any = { ...environment, updatedAt: new Date().toISOString() };
    for (const [key, value] of Object.entries(change)) {
      if (key === 'operation' || value === undefined) continue;
      if (value === null) delete next[key];
      else next[key] = value;
    }
    this.environments.set(environment.id, next);
    return { ...next };
  }

  private running(id: string): OperationRecord | undefined {
    return this.operations.find(
      o => o.environmentId === id && o.result === 'running',
    );
  }

  private get(id: string): EnvironmentRecord {
    const environment = this.environments.get(id);
    if (!environment) throw new Error(`no environment ${id} in the registry`);
    return { ...environment };
  }
}
