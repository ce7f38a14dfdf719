import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ENCLAVE_ANNOTATIONS,
  ENVIRONMENT_ENTITY_TYPE,
} from '@data-enclave/plugin-enclave-common';

/**
 * From the template's EntityPicker value to the registry id, through the
 * catalog with the initiator's credentials: someone who cannot see the
 * environment cannot name it.
 */
export async function findEnvironmentId(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(
      `${entityRef} is not in the catalog; pick an environment from the list`,
    );
  }
  const id = entity.metadata.annotations?.[ENCLAVE_ANNOTATIONS.registryId];
  if (
    entity.kind.toLowerCase() !== 'resource' ||
    entity.spec?.type !== ENVIRONMENT_ENTITY_TYPE ||
    !id
  ) {
    throw new InputError(
      `${entityRef} is not a Data Enclave environment (a Resource of type ${ENVIRONMENT_ENTITY_TYPE} with the ${ENCLAVE_ANNOTATIONS.registryId} annotation)`,
    );
  }
  return id;
}
