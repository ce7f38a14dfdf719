import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const usersRemoveExamples: TemplateExample[] = [
  {
    description:
      'Remove Alan Turing from the analytics environment: his WorkSpace is terminated, his directory user and initial-password secret deleted.',
    example: yaml.stringify({
      steps: [
        {
          id: 'remove-users',
          action: 'enclave:users:remove',
          name: 'Remove people',
          input: {
            environment: 'resource:default/data-science-analytics',
            users: ['user:default/alan.turing'],
          },
        },
      ],
    }),
  },
];
