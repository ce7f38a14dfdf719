import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentLiveStatus } from '@data-enclave/plugin-enclave-common';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enclaveApiRef } from '../../api';
import {
  environment,
  liveStatus,
  mockEnclaveApi,
  responseError,
} from '../../testing/fixtures';
import { StartSparkButton } from './StartSparkButton';

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

const NO_CLUSTER: EnvironmentLiveStatus['emr'] = { state: 'NONE' };

function renderButton(options: {
  emr?: EnvironmentLiveStatus['emr'];
  authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  state?: 'ready' | 'updating' | 'planned';
  api?: ReturnType<typeof mockEnclaveApi>;
  onStarted?: () => void;
}) {
  // usePermission caches decisions per resource across renders (SWR): a
  // denied caller gets an environment id of its own.
  const env = environment({
    state: options.state ?? 'ready',
    ...(options.authorize === 'DENY' ? { id: 'env-denied' } : {}),
  });
  const api = options.api ?? mockEnclaveApi(env);
  return {
    api,
    ...renderInTestApp(
      <StartSparkButton
        environment={env}
        status={liveStatus({ emr: options.emr })}
        onStarted={options.onStarted ?? (() => {})}
      />,
      {
        apis: [
          [enclaveApiRef, api],
          mockApis.permission({
            authorize: options.authorize ?? ('ALLOW' as AuthorizeResult.ALLOW),
          }),
        ],
      },
    ),
  };
}

describe('StartSparkButton', () => {
  it('starts the cluster for someone who may manage the environment when none runs', async () => {
    const onStarted = jest.fn();
    const { api } = renderButton({ emr: NO_CLUSTER, onStarted });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start Spark cluster' }),
    );
    expect(
      await screen.findByText('Spark cluster j-1NEWCLUSTER is starting'),
    ).toBeInTheDocument();
    expect(api.startSpark).toHaveBeenCalledWith('env-1');
    expect(onStarted).toHaveBeenCalledTimes(1);
  });

  it('is offered again after the cluster idled out (TERMINATED)', async () => {
    renderButton({ emr: { clusterId: 'j-OLD', state: 'TERMINATED' } });
    expect(
      await screen.findByRole('button', { name: 'Start Spark cluster' }),
    ).toBeInTheDocument();
  });

  it('shows the backend refusal in place', async () => {
    const api = mockEnclaveApi(environment());
    api.startSpark.mockRejectedValue(
      await responseError(409, 'plan mode: nothing to start.'),
    );
    renderButton({ emr: NO_CLUSTER, api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start Spark cluster' }),
    );
    expect(
      await screen.findByText(/plan mode: nothing to start/),
    ).toBeInTheDocument();
  });

  it.each([
    ['a cluster is already waiting', { emr: { state: 'WAITING' } }],
    ['the caller may not manage it', { emr: NO_CLUSTER, authorize: 'DENY' }],
    ['the environment is busy', { emr: NO_CLUSTER, state: 'updating' }],
  ] as const)('is not offered when %s', async (_why, options) => {
    const { api } = renderButton(options as Parameters<typeof renderButton>[0]);
    // The permission answer and first render have settled.
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Start Spark cluster' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.startSpark).not.toHaveBeenCalled();
  });
});
