/*
 * What "Roll out" will do to the safe environments of the fleet's last
 * plan, for the confirmation dialog. The split follows applyFleetUpgrade:
 * an applied (`ready`) environment is upgraded with terraform apply in its
 * AWS account, a never-applied (`planned`) one only has its record moved to
 * the new version. The rows' states are the ones GET /fleet gave; the
 * rollout reads every record again, so a state changed since is counted
 * apart rather than guessed.
 */
import type { FleetStatusResponse } from '@data-enclave/plugin-enclave-common';

export interface RolloutPreview {
  /** State `ready`: terraform apply runs in AWS. */
  applied: number;
  /** State `planned`: the record moves to the new version, nothing is applied. */
  planned: number;
  /** In another state now, or no longer listed: the rollout checks them again. */
  changed: number;
}

export function rolloutPreview(fleet: FleetStatusResponse): RolloutPreview {
  const states = new Map(
    fleet.environments.map(row => [row.environmentId, row.state]),
  );
  const preview: RolloutPreview = { applied: 0, planned: 0, changed: 0 };
  for (const entry of fleet.latestPlan?.plan?.environments ?? []) {
    if (entry.status !== 'safe') continue;
    const state = states.get(entry.environmentId);
    if (state === 'ready') preview.applied += 1;
    else if (state === 'planned') preview.planned += 1;
    else preview.changed += 1;
  }
  return preview;
}
