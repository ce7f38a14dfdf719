import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import {
  estimateMonthlyCost,
  formatUsd,
} from '@data-enclave/plugin-enclave-common';
import { CostEstimateField, costInputFromForm } from './CostEstimateField';

// renderInTestApp boots the whole test app; slow on a shared CI machine.
jest.setTimeout(30_000);

const form = {
  users: ['user:default/ada.lovelace', 'user:default/alan.turing'],
  emrInstanceType: 'm5.xlarge',
  emrCoreNodeCount: 2,
  workspacesComputeType: 'PERFORMANCE',
};

describe('costInputFromForm', () => {
  it('maps the template parameters onto the estimate input', () => {
    expect(costInputFromForm({ ...form, region: 'eu-west-1' })).toEqual({
      userCount: 2,
      region: 'eu-west-1',
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
    const estimate = estimateMonthlyCost(costInputFromForm(form));
    const total = formatUsd(estimate.totalMonthlyUsd);
    const idle = formatUsd(estimate.totalIdleMonthlyUsd);
    expect(screen.getByTestId('enclave-cost-estimate')).toHaveTextContent(
      total,
    );
    expect(screen.getByTestId('enclave-cost-working')).toHaveTextContent(total);
    expect(screen.getByTestId('enclave-cost-idle')).toHaveTextContent(idle);
    expect(
      screen.getByText(
        /Estimate, not a quote: list prices for us-east-1 as of 2026-09-01/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '2 × PERFORMANCE AUTO_STOP: monthly fee + 160 h each; idle pays the monthly fee',
      ),
    ).toBeInTheDocument();
    // us-east-1 is read, not a fallback: no line is marked.
    expect(screen.queryAllByTestId('enclave-cost-fallback')).toHaveLength(0);
    // Every line links to the pricing page it was read from.
    expect(
      screen.getByRole('link', { name: /^Interface endpoints/ }),
    ).toHaveAttribute('href', 'https://aws.amazon.com/privatelink/pricing/');
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        `${total} per month working, ${idle} idle (estimate, AWS list prices as of 2026-09-01)`,
      ),
    );
  });

  it('marks the lines priced at us-east-1 in a region whose figures are not read yet', async () => {
    const onChange = jest.fn();
    const inRegion = { ...form, region: 'eu-west-1' };
    await renderInTestApp(
      <CostEstimateField
        {...({
          formContext: { formData: inRegion },
          formData: undefined,
          onChange,
          schema: { title: 'Estimated monthly cost' },
          uiSchema: {},
        } as any)}
      />,
    );
    const estimate = estimateMonthlyCost(costInputFromForm(inRegion));
    const fallback = estimate.lines.filter(l => l.source.fallbackFrom);
    expect(fallback.length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('enclave-cost-fallback')).toHaveLength(
      fallback.length,
    );
    expect(
      screen.getByText(/list prices for eu-west-1 as of/),
    ).toHaveTextContent('are shown for them (marked †)');
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.stringContaining(
          `; ${fallback.length} of ${estimate.lines.length} items at us-east-1 prices, not yet read for eu-west-1)`,
        ),
      ),
    );
  });
});
