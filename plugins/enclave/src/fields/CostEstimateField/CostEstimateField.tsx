import {
  CostEstimateInput,
  estimateMonthlyCost,
  formatUsd,
} from '@data-enclave/plugin-enclave-common';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Typography from '@material-ui/core/Typography';
import { useEffect } from 'react';
import { CostEstimateTable } from '../../components/shared/CostEstimateTable';

/**
 * Maps the template's flat parameters onto the estimate's input. The names are
 * the template's (templates/data-science-environment/template.yaml).
 */
export function costInputFromForm(
  formData: Record<string, unknown> | undefined,
): CostEstimateInput {
  const data = formData ?? {};
  const users = Array.isArray(data.users) ? data.users : [];
  return {
    userCount: users.length,
    region: asString(data.region),
    emr: {
      instanceType: asString(data.emrInstanceType),
      coreNodeCount:
        typeof data.emrCoreNodeCount === 'number'
          ? data.emrCoreNodeCount
          : undefined,
    },
    workspaces: { computeType: asString(data.workspacesComputeType) },
  };
}

/**
 * Display field: shows the live estimate for what is in the form, and stores a
 * one-line summary as its value so Backstage's review page lists it too. The
 * whole form's data arrives through `formContext.formData` (set by the
 * scaffolder's Stepper).
 */
export function CostEstimateField(props: FieldExtensionComponentProps<string>) {
  const { formContext, formData, onChange, schema } = props;
  const estimate = estimateMonthlyCost(
    costInputFromForm(formContext?.formData),
  );
  const fallbacks = estimate.lines.filter(l => l.source.fallbackFrom).length;
  const summary = `${formatUsd(
    estimate.totalMonthlyUsd,
  )} per month working, ${formatUsd(
    estimate.totalIdleMonthlyUsd,
  )} idle (estimate, AWS list prices as of ${estimate.asOf}${
    fallbacks > 0
      ? `; ${fallbacks} of ${estimate.lines.length} items at us-east-1 prices, not yet read for ${estimate.pricedRegion}`
      : ''
  })`;

  useEffect(() => {
    if (formData !== summary) onChange(summary);
  }, [formData, summary, onChange]);

  return (
    <div style={{ marginTop: 16 }}>
      <Typography variant="subtitle1">
        {schema.title ?? 'Estimated monthly cost'}
      </Typography>
      <CostEstimateTable estimate={estimate} />
    </div>
  );
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
