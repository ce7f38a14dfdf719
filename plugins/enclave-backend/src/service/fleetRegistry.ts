/*
 * The enclave registry as enclave-node's FleetRegistry, so the fleet rollout
 * runs in-process against the store (its compare-and-set claim, its audit
 * trail, its change events) rather than over HTTP. Requests are parsed with
 * the same zod schemas the router applies.
 */
import {
  finishOperationRequestSchema,
  startOperationRequestSchema,
  updateEnvironmentRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import type { FleetRegistry } from '@data-enclave/plugin-enclave-node';
import type { EnvironmentRegistry } from './EnvironmentRegistry';

export function fleetRegistryFor(registry: EnvironmentRegistry): FleetRegistry {
  return {
    listEnvironments: () => registry.list(),
    startOperation: (id, request) =>
      registry.startOperation(id, startOperationRequestSchema.parse(request)),
    heartbeatOperation: (id, taskId) => registry.heartbeat(id, taskId),
    finishOperation: (id, request) =>
      registry.finishOperation(id, finishOperationRequestSchema.parse(request)),
    updateEnvironment: (id, request) =>
      registry.update(id, updateEnvironmentRequestSchema.parse(request)),
  };
}
