import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import type { EnvironmentState } from '@data-enclave/plugin-enclave-common';
import { useEnvironmentDetails } from '../../hooks/useEnvironmentDetails';
import { useSignedInUserRef } from '../../hooks/useSignedInUserRef';
import { EnclaveCardError } from './EnclaveCardError';
import { EnvironmentStateChip } from './EnvironmentStateChip';
import { EnvironmentView, REGISTRY_ID_ANNOTATION } from './EnvironmentView';

const TITLE = 'Enclave';

/**
 * The Enclave card for a `data-science-environment` Resource: live state,
 * network, EMR, desktops, guardrails, cost and audit trail, read from the
 * enclave-backend by the entity's registry id.
 */
export function EnclaveCard() {
  const { entity } = useEntity();
  const registryId = entity.metadata.annotations?.[REGISTRY_ID_ANNOTATION];
  if (!registryId) {
    return (
      <InfoCard title={TITLE}>
        <MissingAnnotationEmptyState annotation={REGISTRY_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return (
    <EnclaveCardContent
      registryId={registryId}
      entityRef={stringifyEntityRef(entity)}
      owner={entity.spec?.owner as string | undefined}
    />
  );
}

function EnclaveCardContent(props: {
  registryId: string;
  entityRef: string;
  owner?: string;
}) {
  const { loading, error, value, refresh } = useEnvironmentDetails(
    props.registryId,
  );
  const me = useSignedInUserRef();
  const state = value?.environment.state as EnvironmentState | undefined;
  return (
    <InfoCard
      title={TITLE}
      subheader={
        value
          ? `${value.environment.name} · ${value.environment.team}`
          : undefined
      }
      action={state ? <EnvironmentStateChip state={state} /> : undefined}
    >
      {loading && <Progress />}
      {!loading && error && (
        <EnclaveCardError error={error} owner={props.owner} onRetry={refresh} />
      )}
      {!loading && !error && value && (
        <EnvironmentView
          details={value}
          entityRef={props.entityRef}
          me={me}
          onChanged={refresh}
        />
      )}
    </InfoCard>
  );
}
