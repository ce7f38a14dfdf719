import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { FleetRunRecord } from '@data-enclave/plugin-enclave-common';
import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enclaveApiRef } from '../../api';
import type { EnclaveApi } from '../../api';
import { responseError } from '../../testing/fixtures';
import {
  fleetRow,
  fleetStatus,
  mockFleetApi,
  planRun,
} from '../../testing/fleetFixtures';
import { FleetPage } from './FleetPage';

// The page renders the whole Backstage test app; the first render alone can
// pass jest's 5 s default on a shared machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

function renderFleet(api: Partial<EnclaveApi>) {
  return renderInTestApp(<FleetPage />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [[enclaveApiRef, api]],
  });
}

const RUN_ID = '0d9a4b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const behind = ['alpha', 'bravo', 'charlie'].map(name => fleetRow(name));
const current = fleetRow('delta', { stackVersion: '1.0.0', behind: false });

describe('FleetPage', () => {
  it('says who may see the fleet when the backend answers 403', async () => {
    const api = mockFleetApi(fleetStatus([]));
    const refusal = await responseError(
      403,
      'the fleet is for members of group:default/platform (dataEnclave.adminGroup)',
    );
    api.getFleet.mockRejectedValue(refusal);
    await renderFleet(api);
    const forbidden = await screen.findByTestId('fleet-forbidden');
    expect(forbidden).toHaveTextContent(
      'Only members of the enclave admin group can see the fleet',
    );
    expect(forbidden).toHaveTextContent(
      'the fleet is for members of group:default/platform (dataEnclave.adminGroup)',
    );
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('fleet-plan')).not.toBeInTheDocument();
  });

  it('shows the counts and one row per environment with its version and last plan', async () => {
    const rows = [
      fleetRow('alpha', {
        guardrailsPassed: true,
        lastPlan: {
          runId: 'r1',
          toVersion: '1.0.0',
          status: 'safe',
          plannedAt: '2026-12-01T10:04:00.000Z',
          planSummary: { add: 2, change: 3, destroy: 0 },
          guardrails: { passed: true },
        },
      }),
      fleetRow('bravo', {
        lastPlan: {
          runId: 'r1',
          toVersion: '1.0.0',
          status: 'destructive',
          plannedAt: '2026-12-01T10:04:00.000Z',
          planSummary: {
            add: 1,
            change: 0,
            destroy: 1,
            addresses: { destroy: ['aws_emr_cluster.emr'] },
          },
          guardrails: { passed: false },
          reason: 'the plan replaces aws_emr_cluster.emr',
        },
      }),
      fleetRow('charlie', { busy: { kind: 'add-user', initiator: 'x' } }),
      current,
    ];
    await renderFleet(mockFleetApi(fleetStatus(rows)));

    expect(await screen.findByTestId('fleet-summary')).toHaveTextContent(
      'Fleet at stack version 1.0.0: 3 behind, 1 current',
    );
    // Each name links to its catalog entity (team-name, as the provider emits it).
    expect(screen.getByRole('link', { name: 'alpha' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/data-science-alpha',
    );
    expect(screen.getByTestId('fleet-version-alpha')).toHaveTextContent(
      '0.9.0 (behind)',
    );
    expect(screen.getByTestId('fleet-version-delta')).toHaveTextContent(
      '1.0.0 (current)',
    );
    expect(screen.getByTestId('fleet-last-plan-alpha')).toHaveTextContent(
      'safe (1.0.0) +2 ~3 -0',
    );
    expect(screen.getByTestId('fleet-last-plan-charlie')).toHaveTextContent(
      'not planned',
    );
    expect(screen.getByTestId('fleet-last-plan-delta')).toHaveTextContent(
      'up to date',
    );
    expect(screen.getByText('busy: add-user')).toBeInTheDocument();
    expect(screen.getAllByText('Planned')).toHaveLength(4);

    // The destructive one: what it destroys, and its own upgrade template.
    const bravo = screen.getByTestId('fleet-last-plan-bravo');
    expect(bravo).toHaveTextContent('destructive (1.0.0) +1 ~0 -1');
    expect(bravo).toHaveTextContent('the plan replaces aws_emr_cluster.emr');
    expect(screen.getByTestId('fleet-destroyed-bravo')).toHaveTextContent(
      '1 destroyed or replaced',
    );
    await userEvent.click(screen.getByText('1 destroyed or replaced'));
    expect(screen.getByText('aws_emr_cluster.emr')).toBeVisible();
    const upgrade = screen.getByRole('link', {
      name: 'Review and upgrade this one',
    });
    const url = new URL(upgrade.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe(
      '/create/templates/default/data-science-environment-upgrade',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      environment: 'resource:default/data-science-bravo',
    });
    // Guardrails: passed for alpha, failed for bravo, nothing known for charlie.
    expect(screen.getAllByText('passed')).toHaveLength(1);
    expect(screen.getAllByText('failed')).toHaveLength(1);
  });

  it('enables the buttons only when there is something to do', async () => {
    // Nothing planned yet: plan on, rollout off.
    const { unmount } = await renderFleet(mockFleetApi(fleetStatus(behind)));
    expect(await screen.findByTestId('fleet-plan')).toBeEnabled();
    expect(screen.getByTestId('fleet-rollout')).toBeDisabled();
    expect(screen.getByText(/Plan the fleet first\./)).toBeInTheDocument();
    unmount();

    // A succeeded plan for the platform's version, 2 safe and 1 held.
    const planned = planRun(behind, {}, ['charlie']);
    const api = mockFleetApi(fleetStatus(behind, { latestPlan: planned }));
    api.startFleetRollout.mockResolvedValue({
      ...planned,
      id: RUN_ID,
      kind: 'rollout',
      status: 'queued',
      planRunId: planned.id,
      plan: undefined,
    });
    const second = await renderFleet(api);
    expect(await screen.findByTestId('fleet-rollout')).toBeEnabled();
    expect(screen.getByTestId('fleet-rollout-counts')).toHaveTextContent(
      '2 safe, 1 held for approval',
    );
    // The button only asks; Cancel starts nothing.
    await userEvent.click(screen.getByTestId('fleet-rollout'));
    const asked = await screen.findByRole('dialog', {
      name: 'Roll out stack version 1.0.0?',
    });
    expect(asked).toHaveTextContent('2 environments will be upgraded to 1.0.0');
    await userEvent.click(
      within(asked).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.startFleetRollout).not.toHaveBeenCalled();
    // Still the plan's status line: no rollout was started.
    expect(screen.getByTestId('fleet-run-status')).toHaveTextContent(
      /^Fleet plan to 1\.0\.0: succeeded/,
    );
    // Asked again, "Roll out" starts it, once.
    await userEvent.click(screen.getByTestId('fleet-rollout'));
    const confirmed = await screen.findByRole('dialog');
    await userEvent.click(
      within(confirmed).getByRole('button', { name: 'Roll out' }),
    );
    expect(api.startFleetRollout).toHaveBeenCalledTimes(1);
    expect(api.startFleetRollout).toHaveBeenCalledWith({
      planRunId: planned.id,
    });
    expect(await screen.findByTestId('fleet-run-status')).toHaveTextContent(
      'Rollout to 1.0.0: queued',
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    second.unmount();

    // A plan for an older target version cannot be rolled out.
    const third = await renderFleet(
      mockFleetApi(
        fleetStatus(behind, {
          latestPlan: planRun(behind, { toVersion: '0.9.5' }),
        }),
      ),
    );
    expect(await screen.findByTestId('fleet-rollout')).toBeDisabled();
    expect(
      screen.getByText(
        /The last fleet plan targets 0\.9\.5, the platform is at 1\.0\.0; plan again\./,
      ),
    ).toBeInTheDocument();
    third.unmount();

    // Everything current: nothing to plan.
    await renderFleet(mockFleetApi(fleetStatus([current])));
    expect(await screen.findByTestId('fleet-plan')).toBeDisabled();
    expect(
      screen.getByText(/^Every environment is at 1\.0\.0\./),
    ).toBeInTheDocument();
  });

  it('says in the rollout dialog what the rollout will do', async () => {
    const rows = [
      fleetRow('alpha', { state: 'ready' }),
      fleetRow('bravo', { state: 'ready' }),
      fleetRow('charlie'),
      fleetRow('delta', { state: 'ready' }),
      fleetRow('echo', { state: 'ready' }),
    ];
    const latestPlan = planRun(rows, {}, ['delta']);
    latestPlan.plan!.environments[4].status = 'refused';
    const api = mockFleetApi(fleetStatus(rows, { latestPlan }));
    await renderFleet(api);
    await userEvent.click(await screen.findByTestId('fleet-rollout'));
    await screen.findByRole('dialog');
    expect(
      screen.getByTestId('fleet-rollout-dialog-upgraded'),
    ).toHaveTextContent('3 environments will be upgraded to 1.0.0');
    expect(
      screen.getByTestId('fleet-rollout-dialog-applied'),
    ).toHaveTextContent(
      '2 applied in AWS (state ready): the upgrade will be applied in AWS.',
    );
    expect(
      screen.getByTestId('fleet-rollout-dialog-planned'),
    ).toHaveTextContent(
      '1 only planned: the record moves to 1.0.0, nothing is applied in AWS.',
    );
    expect(
      screen.queryByTestId('fleet-rollout-dialog-changed'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('fleet-rollout-dialog-canary')).toHaveTextContent(
      /^The first wave is the canary .*; the rest follow only if it succeeded\. The rollout stops at the first failure\./,
    );
    expect(screen.getByTestId('fleet-rollout-dialog-held')).toHaveTextContent(
      '1 environment with a destructive plan is held for per-environment approval',
    );
    expect(
      screen.getByTestId('fleet-rollout-dialog-excluded'),
    ).toHaveTextContent(
      '1 environment refused, failed or skipped at plan time is not rolled out.',
    );
    expect(screen.getByTestId('fleet-rollout-confirm')).toBeEnabled();
    // Closing it with Escape starts nothing either.
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.startFleetRollout).not.toHaveBeenCalled();
  });

  it('starts a plan, disables both buttons and shows each environment’s progress until the run ends', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const rows = behind;
      let finished = false;
      const api = mockFleetApi(() =>
        fleetStatus(
          rows,
          finished ? { latestPlan: planRun(rows, { id: RUN_ID }) } : {},
        ),
      );
      const running: FleetRunRecord = {
        ...(await api.startFleetPlan()),
        id: RUN_ID,
        status: 'running',
        progress: {
          'id-alpha': {
            environmentId: 'id-alpha',
            name: 'alpha',
            step: 'plan',
            phase: 'init',
            at: '2026-12-01T11:00:05.000Z',
          },
        },
      };
      api.startFleetPlan.mockClear();
      api.startFleetPlan.mockResolvedValue({
        ...running,
        status: 'queued',
        progress: {},
      });
      api.getFleetRun
        .mockResolvedValueOnce(running)
        .mockImplementationOnce(async () => {
          finished = true;
          return planRun(rows, { id: RUN_ID });
        });
      await renderFleet(api);

      await userEvent.click(await screen.findByTestId('fleet-plan'));
      expect(api.startFleetPlan).toHaveBeenCalledWith({});
      expect(await screen.findByTestId('fleet-run-status')).toHaveTextContent(
        'Fleet plan to 1.0.0: queued',
      );
      expect(screen.getByTestId('fleet-plan')).toBeDisabled();
      expect(screen.getByTestId('fleet-rollout')).toBeDisabled();

      // The first poll, 2 s later: alpha is in terraform init.
      await act(async () => {
        jest.advanceTimersByTime(2_000);
      });
      expect(
        await screen.findByTestId('fleet-progress-alpha'),
      ).toHaveTextContent('plan: init');
      expect(screen.getByTestId('fleet-run-status')).toHaveTextContent(
        'Fleet plan to 1.0.0: running',
      );
      expect(api.getFleetRun).toHaveBeenCalledWith(RUN_ID);

      // The next poll sees it succeeded: the fleet is read again and the
      // rollout of its 3 safe environments is offered.
      await act(async () => {
        jest.advanceTimersByTime(2_000);
      });
      await waitFor(() =>
        expect(screen.getByTestId('fleet-rollout')).toBeEnabled(),
      );
      expect(screen.getByTestId('fleet-run-status')).toHaveTextContent(
        'Fleet plan to 1.0.0: succeeded',
      );
      expect(screen.getByTestId('fleet-rollout-counts')).toHaveTextContent(
        '3 safe, 0 held for approval',
      );
      expect(api.getFleet).toHaveBeenCalledTimes(2);
      // No more polling once the run has ended.
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(api.getFleetRun).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows why a start was refused (another run took the fleet)', async () => {
    const api = mockFleetApi(fleetStatus(behind));
    api.startFleetPlan.mockRejectedValue(
      await responseError(409, 'a fleet plan is already running'),
    );
    await renderFleet(api);
    await userEvent.click(await screen.findByTestId('fleet-plan'));
    expect(await screen.findByTestId('fleet-run-error')).toHaveTextContent(
      'a fleet plan is already running',
    );
  });
});
