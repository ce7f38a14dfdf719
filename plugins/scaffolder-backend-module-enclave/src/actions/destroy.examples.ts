import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const destroyExamples: TemplateExample[] = [
  {
    description:
      'Decommission the analytics environment of data-science (its name typed again to confirm).',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'enclave:environment:destroy',
          name: 'Decommission',
          input: {
            environment: 'resource:default/data-science-analytics',
            confirmName: 'analytics',
          },
        },
      ],
    }),
  },
];
