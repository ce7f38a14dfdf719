import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * Teams are stored as full group refs (`group:default/data-science`) so that
 * they compare directly with a user's ownership refs; callers may pass the
 * short form.
 */
export function normalizeTeamRef(team: string): string {
  let ref;
  try {
    ref = parseEntityRef(team.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `team "${team}" is not a group reference; use e.g. group:default/data-science or data-science`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `team "${team}" must be a group, e.g. group:default/data-science`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** `data-science` for the default namespace, `ns/data-science` otherwise: for messages. */
export function shortTeamName(teamRef: string): string {
  const ref = parseEntityRef(teamRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return ref.namespace === 'default'
    ? ref.name
    : `${ref.namespace}/${ref.name}`;
}
