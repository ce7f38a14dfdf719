import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import {
  estimateMonthlyCost,
  formatUsd,
} from '@data-enclave/plugin-enclave-common';
import { CostEstimateField, costInputFromForm } from './CostEstimateField';

const form = {
  users: ['user:default/ada.lovelace', 'user:default/alan.turing'],
  emrInstanceType: 'm5.xlarge',
  emrCoreNodeCount: 2,
  workspacesComputeType: 'PERFORMANCE',
};

describe('costInputFromForm', () => {
  it('maps the template parameters onto the estimate input', () => {
    expect(costInputFromForm(form)).toEqual({
      userCount: 2,
      emr: { instanceType: 'm5.xlarge', coreNodeCount: 2 },
      workspaces: { computeType: 'PERFORMANCE' },
    });
  });
});

describe('CostEstimateField', () => {
  it('shows the estimate for the whole form and stores a dated summary for the review page', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <CostEstimateField
        {...({
          formContext: { formData: form },
          formData: undefined,
          onChange,
          schema: { title: 'Estimated monthly cost' },
          uiSchema: {},
        } as any)}
      />,
    );
    const total = formatUsd(
      estimateMonthlyCost(costInputFromForm(form)).totalMonthlyUsd,
    );
    expect(screen.getByTestId('enclave-cost-estimate')).toHaveTextContent(
      total,
    );
    expect(
      screen.getByText(/Estimate, not a quote: prices as of 2026-09-01/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 × PERFORMANCE AUTO_STOP, 160 h each'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        `${total} per month (estimate, AWS list prices as of 2026-09-01)`,
      ),
    );
  });
});
