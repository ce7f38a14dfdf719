import type { Entity } from '@backstage/catalog-model';
import { ENVIRONMENT_ENTITY_TYPE } from '@data-enclave/plugin-enclave-common';

/** For legacy `EntitySwitch.Case if={isEnclaveEnvironment}` entity pages. */
export function isEnclaveEnvironment(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === ENVIRONMENT_ENTITY_TYPE
  );
}
