/*
 * The card's side of G12: each desktop's bundle and its session lock-down
 * next to its state, from the status API's per-desktop verdict (a desktop
 * moved onto an unapproved bundle is flagged), and the guardrail panel's
 * "session lock-down: not configured" shown as allowed in plan mode only.
 */
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
import { enclaveApiRef } from '../../api';
import {
  ADA,
  environmentEntity,
  liveStatus,
  mockEnclaveApi,
  environment,
} from '../../testing/fixtures';
import { EnclaveCard } from './EnclaveCard';

function renderCard(status: ReturnType<typeof liveStatus>) {
  const api = mockEnclaveApi(environment(), status);
  return renderInTestApp(
    <EntityProvider entity={environmentEntity('env-1')}>
      <EnclaveCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[enclaveApiRef, api], mockApis.identity({ userEntityRef: ADA })],
    },
  );
}

describe('WorkSpaces table: bundle and lock-down per desktop', () => {
  it('shows the approved bundle with clipboard, file transfer and printing blocked, and flags a swapped one', async () => {
    const base = liveStatus();
    renderCard(
      liveStatus({
        workspaces: [
          {
            ...base.workspaces[0],
            bundle: {
              bundleId: 'wsb-hardened1',
              name: 'enclave-ubuntu-22.04-hardened',
              approved: true,
              lockDown: TEST_APPROVED_BUNDLE.lockDown,
            },
          },
          {
            ...base.workspaces[1],
            bundle: {
              bundleId: 'wsb-public001',
              name: 'Standard with Ubuntu 22.04',
              approved: false,
              problem:
                'bundle "Standard with Ubuntu 22.04" is not in dataEnclave.workspaces.approvedBundles',
            },
          },
        ],
      }),
    );
    expect(
      await screen.findByRole('columnheader', { name: 'Bundle and lock-down' }),
    ).toBeInTheDocument();
    const cells = await screen.findAllByTestId('bundle-lockdown');
    expect(cells).toHaveLength(2);
    const ada = cells.find(c =>
      c.textContent?.includes('enclave-ubuntu-22.04-hardened'),
    )!;
    expect(within(ada).getByText('approved')).toBeInTheDocument();
    expect(ada).toHaveTextContent(
      'clipboard: in blocked, out blocked · file transfer: blocked · printing: blocked',
    );
    const alan = cells.find(c =>
      c.textContent?.includes('Standard with Ubuntu 22.04'),
    )!;
    expect(within(alan).getByText('NOT APPROVED')).toBeInTheDocument();
    expect(alan).toHaveTextContent(
      'is not in dataEnclave.workspaces.approvedBundles',
    );
    expect(alan).not.toHaveTextContent('clipboard:');
    // Next to the state: the same row carries the desktop's state.
    const alanRow = alan.closest('tr')!;
    expect(alanRow).toHaveTextContent('STOPPED');
  }, 30_000);

  it('without a live verdict, says the lock-down was not checked', async () => {
    renderCard(liveStatus());
    const cells = await screen.findAllByTestId('bundle-lockdown');
    expect(cells[0]).toHaveTextContent('lock-down not checked: no live status');
  }, 30_000);
});

describe('Guardrails panel: G12 session lock-down', () => {
  it('shows "not configured" as an allowed finding (plan mode) and the lock-down in use', async () => {
    const report = {
      passed: true,
      source: 'plan' as const,
      rules: [
        {
          id: 'G12',
          title: 'Desktop session lock-down',
          rationale:
            'Clipboard, file transfer, printing and USB are the exits left.',
          passed: true,
          relaxations: [],
          findings: [],
          facts: [
            'bundle "Standard with Ubuntu 22.04": lock-down not configured',
          ],
          allowedFindings: [
            {
              address: 'aws_workspaces_directory.ws',
              message:
                'session lock-down: not configured. Bundle "Standard with Ubuntu 22.04" is not checked',
              fix: 'build a hardened bundle (docs/session-lockdown.md)',
              allowedBecause:
                'plan mode only: nothing is applied; apply mode refuses',
            },
          ],
        },
      ],
    };
    const api = mockEnclaveApi(
      { ...environment(), guardrails: report },
      liveStatus(),
    );
    renderInTestApp(
      <EntityProvider entity={environmentEntity('env-1')}>
        <EnclaveCard />
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [[enclaveApiRef, api], mockApis.identity({ userEntityRef: ADA })],
      },
    );
    const panel = await screen.findByTestId('enclave-guardrails');
    expect(panel).toHaveTextContent(
      'Guardrails: all 1 passing; 1 finding allowed in plan mode only',
    );
    expect(panel).toHaveTextContent(
      'In use: bundle "Standard with Ubuntu 22.04": lock-down not configured',
    );
    expect(panel).toHaveTextContent(
      'Allowed (plan mode only: nothing is applied; apply mode refuses): aws_workspaces_directory.ws: session lock-down: not configured.',
    );
  }, 30_000);
});
