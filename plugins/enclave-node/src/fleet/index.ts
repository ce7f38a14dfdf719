/** Fleet rollout: plan every environment behind the stack version, roll out the safe ones in waves. */
export {
  planFleetUpgrade,
  partitionFleet,
  FLEET_PLAN_ONLY,
} from './planFleetUpgrade';
export type { PlanFleetUpgradeOptions } from './planFleetUpgrade';
export { applyFleetUpgrade } from './applyFleetUpgrade';
export type { ApplyFleetUpgradeOptions } from './applyFleetUpgrade';
export type { FleetRunOptions } from './fleetRun';
export {
  InMemoryFleetRegistry,
  FleetConflictError,
} from './inMemoryFleetRegistry';
export { unclaimableReason, UPGRADE_FROM_STATES } from './claim';
export type * from './types';
