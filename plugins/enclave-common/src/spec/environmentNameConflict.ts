import { parseEntityRef } from '@backstage/catalog-model';

/**
 * States in which an environment's name may be provisioned again: a plan-only
 * record, or a failed attempt that the new run resumes. Any other active
 * environment owns its name until it is destroyed.
 */
export const REPROVISIONABLE_STATES: readonly string[] = ['planned', 'failed'];

/**
 * Why `team/name` cannot be requested, given the active environment the
 * registry holds under that name (or undefined when the name is free). The
 * template's name field calls this so a taken name is refused on the form's
 * first step, in the words of the registry's provision transition
 * (enclave-backend EnvironmentStore), which still decides under its row lock.
 */
export function environmentNameConflict(
  team: string,
  name: string,
  existing: { state: string } | undefined,
): string | undefined {
  if (!existing || REPROVISIONABLE_STATES.includes(existing.state)) {
    return undefined;
  }
  return `environment ${shortTeam(team)}/${name} already exists (state ${
    existing.state
  }); pick another name or destroy it first`;
}

/** `data-science` for the default namespace, `ns/data-science` otherwise (as the registry words it). */
function shortTeam(team: string): string {
  try {
    const ref = parseEntityRef(team, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.namespace === 'default'
      ? ref.name
      : `${ref.namespace}/${ref.name}`;
  } catch {
    return team;
  }
}
