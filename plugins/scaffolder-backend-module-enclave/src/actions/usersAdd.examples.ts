import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const usersAddExamples: TemplateExample[] = [
  {
    description:
      'Give Grace Hopper a directory user and a WorkSpace in the analytics environment of data-science.',
    example: yaml.stringify({
      steps: [
        {
          id: 'add-users',
          action: 'enclave:users:add',
          name: 'Add people',
          input: {
            environment: 'resource:default/data-science-analytics',
            users: ['user:default/grace.hopper'],
          },
        },
      ],
    }),
  },
];
