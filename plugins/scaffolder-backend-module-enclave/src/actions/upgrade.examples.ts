import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const upgradeExamples: TemplateExample[] = [
  {
    description:
      "Plan the upgrade of analytics to the platform's current stack version and show the diff; it is applied only if it destroys nothing.",
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'enclave:environment:upgrade',
          name: 'Plan the upgrade',
          input: {
            environment: 'resource:default/data-science-analytics',
            confirm: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Two steps: plan first, then (when the form asked for it and the plan needs it) apply with the destroys the first plan showed.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'enclave:environment:upgrade',
          name: 'Plan the upgrade',
          input: {
            environment: '${{ parameters.environment }}',
            confirm: false,
          },
        },
        {
          id: 'apply',
          if: '${{ parameters.confirm and steps.plan.output.needsConfirmation }}',
          action: 'enclave:environment:upgrade',
          name: 'Apply the confirmed upgrade',
          input: {
            environment: '${{ parameters.environment }}',
            confirm: true,
            approvedDestroys:
              '${{ steps.plan.output.planSummary.addresses.destroy }}',
          },
        },
      ],
    }),
  },
];
