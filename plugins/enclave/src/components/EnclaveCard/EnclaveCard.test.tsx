import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enclaveApiRef } from '../../api';
import {
  ADA,
  environment,
  environmentEntity,
  guardrailReport,
  liveStatus,
  mockEnclaveApi,
  plannedEnvironment,
  responseError,
} from '../../testing/fixtures';
import { EnclaveCard } from './EnclaveCard';
import type { EnclaveApi } from '../../api';
import type {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';

const ENTITY_REF = 'resource:default/data-science-churn-study';

// The card renders the whole Backstage test app; on a shared CI machine the
// first render alone can pass jest's 5 s default.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

/** The JSON a day-2 button's link puts in the template's `formData`. */
function formDataOf(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

function renderCard(
  api: Partial<EnclaveApi>,
  me: string = ADA,
  registryId = 'env-1',
  config: JsonObject = {},
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY
    | ((
        request: EvaluatePermissionRequest,
      ) =>
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY) = 'ALLOW' as AuthorizeResult.ALLOW,
) {
  return renderInTestApp(
    <EntityProvider entity={environmentEntity(registryId)}>
      <EnclaveCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [enclaveApiRef, api],
        mockApis.identity({ userEntityRef: me }),
        mockApis.permission({ authorize }),
      ],
      config,
    },
  );
}

describe('EnclaveCard', () => {
  it('offers the upgrade template when the platform has a newer stack version', async () => {
    const api = mockEnclaveApi(
      plannedEnvironment(),
      liveStatus({ planned: true, workspaces: [] }),
    );
    renderCard(api, ADA, 'env-1', { dataEnclave: { stackVersion: '1.1.0' } });
    const upgrade = await screen.findByTestId('enclave-upgrade-available');
    expect(upgrade).toHaveTextContent(
      'stack version 1.0.0, latest 1.1.0: upgrade available',
    );
    expect(
      formDataOf(screen.getByRole('link', { name: 'upgrade available' })),
    ).toEqual({
      path: '/create/templates/default/data-science-environment-upgrade',
      formData: { environment: ENTITY_REF },
    });
    expect(
      formDataOf(screen.getByRole('button', { name: 'Upgrade to 1.1.0' })),
    ).toEqual({
      path: '/create/templates/default/data-science-environment-upgrade',
      formData: { environment: ENTITY_REF },
    });
  });

  it('puts the day-2 templates on the card, each with the environment picked', async () => {
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest) => 'ALLOW' as AuthorizeResult.ALLOW,
    );
    // Registry ids are unique per permission test: usePermission caches
    // decisions by permission and resource (SWR) across renders.
    renderCard(
      mockEnclaveApi(environment({ id: 'env-day2' })),
      ADA,
      'env-day2',
      {},
      authorize,
    );
    const controls = await screen.findByTestId('enclave-controls');
    const link = (name: string) =>
      formDataOf(within(controls).getByRole('button', { name }));
    expect(link('Add people')).toEqual({
      path: '/create/templates/default/data-science-environment-users',
      formData: { environment: ENTITY_REF, operation: 'add' },
    });
    expect(link('Remove people')).toEqual({
      path: '/create/templates/default/data-science-environment-users',
      formData: { environment: ENTITY_REF, operation: 'remove' },
    });
    expect(link('Decommission')).toEqual({
      path: '/create/templates/default/data-science-environment-decommission',
      formData: { environment: ENTITY_REF },
    });
    // Current stack version: no upgrade button.
    expect(
      within(controls).queryByRole('button', { name: /Upgrade/ }),
    ).not.toBeInTheDocument();
    // Asked for this environment's registry id, with the manage permission.
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'enclave.environment.manage',
        }),
        resourceRef: 'env-day2',
      }),
    );
  });

  it('hides the controls from someone the policy does not let manage it', async () => {
    renderCard(
      mockEnclaveApi(environment({ id: 'env-denied' })),
      'user:default/grace.hopper',
      'env-denied',
      {},
      'DENY' as AuthorizeResult.DENY,
    );
    expect(
      await screen.findByTestId('enclave-controls-denied'),
    ).toHaveTextContent('Only the owning team or a platform admin');
    expect(screen.queryByTestId('enclave-controls')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Decommission' }),
    ).not.toBeInTheDocument();
  });

  it('says which operation is running and links to its task instead of offering controls', async () => {
    renderCard(
      mockEnclaveApi(
        environment({
          id: 'env-busy',
          state: 'updating',
          currentOperation: {
            id: 'op-7',
            kind: 'add-user',
            initiator: ADA,
            taskId: 'task-42',
            startedAt: '2026-09-01T12:00:00.000Z',
          },
        }),
      ),
      ADA,
      'env-busy',
    );
    const busy = await screen.findByTestId('enclave-controls-busy');
    expect(busy).toHaveTextContent('Adding people is in progress');
    expect(
      within(busy).getByRole('link', { name: 'open its task' }),
    ).toHaveAttribute('href', '/create/tasks/task-42');
    expect(screen.queryByTestId('enclave-controls')).not.toBeInTheDocument();
  });

  it.each([
    [
      'a fleet run',
      'upgrade',
      'fleet:6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
      'Upgrading (fleet run by user:default/carol) is in progress',
    ],
    [
      'a drift check',
      'drift-check',
      'drift:0c5b2f7e-3a55-4c2e-8d0a-4d1f6f7b9a10',
      'Checking for drift is in progress',
    ],
  ] as const)(
    'names %s holding the environment without a task link (the backend runs it, not the scaffolder)',
    async (_holder, kind, taskId, text) => {
      renderCard(
        mockEnclaveApi(
          environment({
            id: 'env-busy',
            state: 'updating',
            currentOperation: {
              id: 'op-8',
              kind,
              initiator: 'user:default/carol',
              taskId,
              startedAt: '2026-09-01T12:00:00.000Z',
            },
          }),
        ),
        ADA,
        'env-busy',
      );
      const busy = await screen.findByTestId('enclave-controls-busy');
      expect(busy).toHaveTextContent(text);
      expect(within(busy).queryByRole('link')).not.toBeInTheDocument();
    },
  );

  it('says nothing about upgrades when the environment is current', async () => {
    const api = mockEnclaveApi(
      plannedEnvironment(),
      liveStatus({ planned: true, workspaces: [] }),
    );
    renderCard(api, ADA, 'env-1', { dataEnclave: { stackVersion: '1.0.0' } });
    expect(await screen.findByTestId('enclave-state')).toBeInTheDocument();
    expect(
      screen.queryByTestId('enclave-upgrade-available'),
    ).not.toBeInTheDocument();
  });

  it('shows a planned environment with its plan and how to enable apply', async () => {
    const api = mockEnclaveApi(
      plannedEnvironment(),
      liveStatus({ planned: true, workspaces: [] }),
    );
    renderCard(api);

    expect(await screen.findByTestId('enclave-state')).toHaveTextContent(
      'Planned',
    );
    const planned = screen.getByTestId('enclave-planned');
    expect(planned).toHaveTextContent(
      'Plan: 58 to add, 0 to change, 0 to destroy.',
    );
    expect(planned).toHaveTextContent('dataEnclave.mode: apply');
    expect(planned).toHaveTextContent('AWS credentials');
    // Nothing exists in AWS, so there is no password to reveal and no console link.
    expect(
      screen.queryByRole('button', { name: /reveal my initial password/i }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('AWS console:')).not.toBeInTheDocument();
    expect(screen.getAllByText('PLANNED')).toHaveLength(2);
    // Settled: no polling.
    expect(api.getEnvironment).toHaveBeenCalledTimes(1);
  });

  it('shows phase and progress while provisioning, and polls until ready', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const api = mockEnclaveApi(() => {
        calls += 1;
        return calls === 1
          ? environment({
              state: 'provisioning',
              phase: 'Creating WorkSpaces',
              progress: { done: 3, total: 4 },
            })
          : environment();
      });
      renderCard(api);

      expect(await screen.findByTestId('enclave-progress')).toHaveTextContent(
        'Creating WorkSpaces (3 of 4)',
      );
      expect(screen.getByTestId('enclave-state')).toHaveTextContent(
        'Provisioning',
      );
      expect(
        screen.getByRole('progressbar', { name: 'Provisioning progress' }),
      ).toHaveAttribute('aria-valuenow', '75');

      await act(async () => {
        jest.advanceTimersByTime(2_000);
      });
      await waitFor(() =>
        expect(screen.getByTestId('enclave-state')).toHaveTextContent('Ready'),
      );
      expect(screen.queryByTestId('enclave-progress')).not.toBeInTheDocument();

      // Settled: no further requests however long we wait.
      await act(async () => {
        jest.advanceTimersByTime(120_000);
      });
      expect(api.getEnvironment).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows a ready environment: ids, EMR, desktops and console links', async () => {
    renderCard(mockEnclaveApi(environment()));

    expect(await screen.findByTestId('enclave-state')).toHaveTextContent(
      'Ready',
    );
    expect(screen.getByText('vpc-0abc')).toBeInTheDocument();
    expect(screen.getByText('j-2AXXXXXXGAPLF (WAITING)')).toBeInTheDocument();
    expect(
      screen.getByText('churn-study.enclave.internal · d-1234567890 · Active'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Registration code for the WorkSpaces client: WSpdx\+ABCDEF/,
      ),
    ).toBeInTheDocument();
    // The console link (the cost table's "EMR cluster" links to its pricing page).
    expect(
      screen
        .getAllByRole('link', { name: /^EMR cluster/ })
        .map(link => link.getAttribute('href')),
    ).toContainEqual(
      expect.stringContaining('eu-west-1.console.aws.amazon.com/emr'),
    );
    expect(screen.getByText('STOPPED')).toBeInTheDocument();
    expect(screen.getByTestId('enclave-cost-estimate')).toHaveTextContent(
      /Estimated total per month/,
    );
    // eu-west-1: the figures not read for the region are marked, and said so.
    expect(
      screen.getAllByTestId('enclave-cost-fallback').length,
    ).toBeGreaterThan(0);
    expect(screen.getByTestId('enclave-cost-estimate')).toHaveTextContent(
      /list prices for eu-west-1 as of .* so us-east-1 list prices are shown for them \(marked †\)/,
    );
    expect(screen.getByText('provision')).toBeInTheDocument();
  });

  it('offers "Reveal my initial password" only on the signed-in person\'s own row', async () => {
    const api = mockEnclaveApi(environment());
    renderCard(api, ADA);

    const buttons = await screen.findAllByRole('button', {
      name: 'Reveal my initial password',
    });
    expect(buttons).toHaveLength(1);
    const ownRow = buttons[0].closest('tr')!;
    expect(within(ownRow).getByText('you')).toBeInTheDocument();
    expect(ownRow).toHaveTextContent(/ada\.lovelace/);

    await userEvent.click(buttons[0]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(/shown once/i);
    // Not revealed until confirmed.
    expect(api.revealInitialCredential).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reveal now' }),
    );
    expect(
      await within(dialog).findByTestId('enclave-initial-password'),
    ).toHaveTextContent('Initial-Pa55word!');
    expect(api.revealInitialCredential).toHaveBeenCalledWith(
      'env-1',
      'ada.lovelace',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Copy password' }),
    ).toBeInTheDocument();
  });

  it('shows no reveal button to someone who has no desktop here', async () => {
    renderCard(mockEnclaveApi(environment()), 'user:default/grace.hopper');
    expect(await screen.findByTestId('enclave-state')).toHaveTextContent(
      'Ready',
    );
    expect(
      screen.queryByRole('button', { name: 'Reveal my initial password' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('you')).not.toBeInTheDocument();
  });

  it('shows a failed environment with its error', async () => {
    renderCard(
      mockEnclaveApi(
        environment({
          state: 'failed',
          lastError: 'terraform apply failed: AccessDenied on kms:CreateKey',
        }),
      ),
    );
    expect(await screen.findByTestId('enclave-state')).toHaveTextContent(
      'Failed',
    );
    expect(screen.getByTestId('enclave-failed')).toHaveTextContent(
      'AccessDenied on kms:CreateKey',
    );
  });

  it('tells a person without access to ask the owners (403)', async () => {
    const api = mockEnclaveApi(environment());
    const denied = await responseError(403, 'not allowed');
    api.getEnvironment.mockRejectedValue(denied);
    renderCard(api);
    expect(
      await screen.findByText(
        "You don't have access to this environment; ask its owners",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Members of group:default/data-science can see it and add you.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('tells backend-down apart from permission denied and offers a retry', async () => {
    const api = mockEnclaveApi(environment());
    api.getEnvironment.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    renderCard(api);
    expect(
      await screen.findByText('The Data Enclave service is not responding'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('enclave-state')).toHaveTextContent(
      'Ready',
    );
  });

  it('explains a missing registry annotation', async () => {
    renderCard(mockEnclaveApi(environment()), ADA, '');
    expect(
      await screen.findByText(/data-enclave.io\/registry-id/),
    ).toBeInTheDocument();
  });

  describe('guardrails panel', () => {
    it('is collapsed when every rule passes', async () => {
      renderCard(
        mockEnclaveApi(environment({ guardrails: guardrailReport() })),
      );
      const panel = await screen.findByTestId('enclave-guardrails');
      expect(panel).toHaveTextContent('Guardrails: all 5 passing');
      expect(
        within(panel).getByRole('button', { name: /all 5 passing/ }),
      ).toHaveAttribute('aria-expanded', 'false');
    });

    it('opens on failing rules with the finding and its fix', async () => {
      renderCard(
        mockEnclaveApi(environment({ guardrails: guardrailReport(['G1']) })),
      );
      const panel = await screen.findByTestId('enclave-guardrails');
      expect(panel).toHaveTextContent('Guardrails: 1 of 5 failing');
      expect(
        within(panel).getByRole('button', { name: /1 of 5 failing/ }),
      ).toHaveAttribute('aria-expanded', 'true');
      expect(within(panel).getByText('aws_internet_gateway.igw')).toBeVisible();
      expect(panel).toHaveTextContent('Fix: remove the internet gateway');
    });
  });
});
