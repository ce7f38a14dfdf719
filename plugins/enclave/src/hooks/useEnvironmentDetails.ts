import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  EnvironmentLiveStatus,
  EnvironmentRecord,
  OperationRecord,
} from '@data-enclave/plugin-enclave-common';
import { enclaveApiRef } from '../api';
import { isPermanentError } from './httpStatusOf';
import { isSettled, MIN_POLL_DELAY_MS, nextPollDelay } from './pollDelay';

export interface EnvironmentDetails {
  environment: EnvironmentRecord;
  /** Undefined when the live status could not be read: the card still shows the record. */
  status?: EnvironmentLiveStatus;
  statusError?: Error;
  operations: OperationRecord[];
}

export interface EnvironmentDetailsState {
  loading: boolean;
  error?: Error;
  value?: EnvironmentDetails;
  /** Reloads now (e.g. after revealing a credential, or the Retry button). */
  refresh: () => void;
}

/**
 * Loads an environment, its live status and its audit trail, and keeps
 * polling while it is changing (provisioning, updating, destroying) with a
 * 2 s → 30 s backoff. Polling stops when the environment settles, or on an
 * error before anything was shown (transient errors afterwards are retried).
 */
export function useEnvironmentDetails(
  registryId: string,
): EnvironmentDetailsState {
  const api = useApi(enclaveApiRef);
  const [state, setState] = useState<Omit<EnvironmentDetailsState, 'refresh'>>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  // Last seen phase/progress, to reset the backoff when the environment moves.
  const fingerprint = useRef<string>();

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = MIN_POLL_DELAY_MS;
    let hasValue = false;

    const load = async () => {
      try {
        const [environment, operations] = await Promise.all([
          api.getEnvironment(registryId),
          api.listOperations(registryId),
        ]);
        let status: EnvironmentLiveStatus | undefined;
        let statusError: Error | undefined;
        try {
          status = await api.getStatus(registryId);
        } catch (e) {
          statusError = e as Error;
        }
        if (cancelled) return;
        hasValue = true;
        setState({
          loading: false,
          value: { environment, operations, status, statusError },
        });
        const next = JSON.stringify([
          environment.state,
          environment.phase,
          environment.progress,
        ]);
        const changed = next !== fingerprint.current;
        fingerprint.current = next;
        if (!isSettled(environment.state)) {
          delay = nextPollDelay(delay, changed);
          timer = setTimeout(load, delay);
        }
      } catch (e) {
        if (cancelled) return;
        // A blip while provisioning should not replace the card with an
        // error: keep the last good view and try again later.
        if (hasValue && !isPermanentError(e)) {
          delay = nextPollDelay(delay, false);
          timer = setTimeout(load, delay);
          return;
        }
        setState({ loading: false, error: e as Error });
      }
    };
    load();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, registryId, generation]);

  return { ...state, refresh };
}
