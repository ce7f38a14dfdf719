import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

export interface CatalogUser {
  entityRef: string;
  name: string;
  email?: string;
  displayName?: string;
}

/**
 * Resolves the template's user refs through the catalog, with the initiator's
 * credentials so a person can only pick people they can see.
 */
export async function resolveCatalogUsers(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<CatalogUser[]> {
  const normalized = refs.map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new InputError(
        `"${ref}" is not an entity ref like user:default/jane.doe`,
      );
    }
  });
  const notUsers = normalized.filter(r => !r.startsWith('user:'));
  if (notUsers.length) {
    throw new InputError(
      `users must be User entities, got ${notUsers.join(', ')}`,
    );
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: normalized,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.profile.email',
      ],
    },
    { credentials },
  );
  const missing = normalized.filter((_, i) => !items[i]);
  if (missing.length) {
    throw new InputError(
      `these users are not in the catalog: ${missing.join(
        ', ',
      )}. Pick people from the catalog's User entities.`,
    );
  }
  return (items as Entity[]).map((entity, i) => ({
    entityRef: normalized[i],
    name: entity.metadata.name,
    email: (entity.spec?.profile as { email?: string } | undefined)?.email,
    displayName: (entity.spec?.profile as { displayName?: string } | undefined)
      ?.displayName,
  }));
}

/** A list of entity refs with at least one entry and none twice. */
export function requireDistinctRefs(
  field: string,
  refs: string[],
  what: string,
): void {
  if (refs.length === 0) {
    throw new InputError(`${field}: pick at least one ${what}`);
  }
  const duplicates = refs.filter((ref, i) => refs.indexOf(ref) !== i);
  if (duplicates.length) {
    throw new InputError(
      `${field}: ${[...new Set(duplicates)].join(', ')} listed more than once`,
    );
  }
}
