import { renderInTestApp } from '@backstage/frontend-test-utils';
import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FleetRolloutDialog } from './FleetRolloutDialog';

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

function renderDialog(
  overrides: Partial<Parameters<typeof FleetRolloutDialog>[0]> = {},
) {
  const onCancel = jest.fn();
  const onConfirm = jest.fn();
  const rendered = renderInTestApp(
    <FleetRolloutDialog
      open
      toVersion="1.0.0"
      counts={{ safe: 1, held: 0, excluded: 0 }}
      preview={{ applied: 0, planned: 0, changed: 1 }}
      onCancel={onCancel}
      onConfirm={onConfirm}
      {...overrides}
    />,
  );
  return { rendered, onCancel, onConfirm };
}

describe('FleetRolloutDialog', () => {
  it('counts one environment in the singular and says only what applies', async () => {
    const { onConfirm, onCancel } = renderDialog();
    await screen.findByRole('dialog', {
      name: 'Roll out stack version 1.0.0?',
    });
    expect(
      screen.getByTestId('fleet-rollout-dialog-upgraded'),
    ).toHaveTextContent('1 environment will be upgraded to 1.0.0');
    expect(
      screen.getByTestId('fleet-rollout-dialog-changed'),
    ).toHaveTextContent(
      '1 changed state since the plan: the rollout checks each again before it upgrades it.',
    );
    for (const absent of [
      'applied',
      'planned',
      'held',
      'excluded',
      'blocked',
    ]) {
      expect(
        screen.queryByTestId(`fleet-rollout-dialog-${absent}`),
      ).not.toBeInTheDocument();
    }
    await userEvent.click(screen.getByRole('button', { name: 'Roll out' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('disables Roll out and says why when the rollout cannot start now', async () => {
    const { onConfirm } = renderDialog({
      blocked: 'A fleet plan is running.',
    });
    await screen.findByRole('dialog');
    expect(
      screen.getByTestId('fleet-rollout-dialog-blocked'),
    ).toHaveTextContent('A fleet plan is running.');
    expect(screen.getByTestId('fleet-rollout-confirm')).toBeDisabled();
    await userEvent.click(screen.getByTestId('fleet-rollout-confirm'), {
      pointerEventsCheck: 0,
    });
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
