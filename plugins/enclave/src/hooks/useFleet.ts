import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FleetRunRecord,
  FleetStatusResponse,
} from '@data-enclave/plugin-enclave-common';
import { enclaveApiRef } from '../api';
import { isActiveRun } from '../components/FleetPage/fleetReadiness';
import { isPermanentError } from './httpStatusOf';
import { MIN_POLL_DELAY_MS } from './pollDelay';

export interface FleetState {
  loading: boolean;
  /** Reading the fleet failed (a 403 means the caller is not an admin). */
  error?: Error;
  fleet?: FleetStatusResponse;
  /** The run on screen: the active one, or the last one started here. */
  run?: FleetRunRecord;
  /**
   * Starting a run failed (409 when another run took the fleet first), or
   * following it did for good (403/404; polling stops).
   */
  runError?: Error;
  starting: boolean;
  startPlan: () => void;
  startRollout: (planRunId: string) => void;
  refresh: () => void;
}

/**
 * The fleet status, plus the run in progress polled every 2 s until it ends
 * (a fleet run's phases change every few seconds, so no backoff); then the
 * fleet is read again for the new versions and last plans.
 */
export function useFleet(): FleetState {
  const api = useApi(enclaveApiRef);
  const [loaded, setLoaded] = useState<{
    loading: boolean;
    error?: Error;
    fleet?: FleetStatusResponse;
  }>({ loading: true });
  const [run, setRun] = useState<FleetRunRecord>();
  const [starting, setStarting] = useState(false);
  const [runError, setRunError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration(g => g + 1), []);

  useEffect(() => {
    let cancelled = false;
    api.getFleet().then(
      fleet => {
        if (cancelled) return;
        setLoaded({ loading: false, fleet });
        if (fleet.activeRun) setRun(fleet.activeRun);
      },
      error => !cancelled && setLoaded({ loading: false, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  useEffect(() => {
    if (!run || !isActiveRun(run)) return undefined;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const next = await api.getFleetRun(run.id);
        if (cancelled) return;
        setRun(next);
        if (!isActiveRun(next)) refresh();
      } catch (error) {
        if (cancelled) return;
        if (isPermanentError(error)) setRunError(error as Error);
        // Anything else is a blip: poll again with the same record.
        else setRun({ ...run });
      }
    }, MIN_POLL_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, run, refresh]);

  const start = useCallback(
    (call: () => Promise<FleetRunRecord>) => {
      setStarting(true);
      setRunError(undefined);
      call().then(
        record => {
          setStarting(false);
          setRun(record);
        },
        error => {
          setStarting(false);
          setRunError(error);
          // A 409 means someone else's run holds the fleet: show it.
          refresh();
        },
      );
    },
    [refresh],
  );
  const startPlan = useCallback(
    () => start(() => api.startFleetPlan({})),
    [api, start],
  );
  const startRollout = useCallback(
    (planRunId: string) => start(() => api.startFleetRollout({ planRunId })),
    [api, start],
  );

  return {
    ...loaded,
    run,
    starting,
    runError,
    startPlan,
    startRollout,
    refresh,
  };
}
