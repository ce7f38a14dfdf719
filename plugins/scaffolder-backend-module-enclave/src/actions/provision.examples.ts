import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const provisionExamples: TemplateExample[] = [
  {
    description:
      'Provision (or, in plan mode, plan) an environment for two people with the default EMR and WorkSpaces settings.',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'enclave:environment:provision',
          name: 'Provision secure environment',
          input: {
            name: 'analytics',
            owner: 'group:default/data-science',
            region: 'eu-west-1',
            users: ['user:default/ada.lovelace', 'user:default/alan.turing'],
            clientCidrs: ['203.0.113.0/24'],
          },
        },
      ],
    }),
  },
  {
    description:
      'A larger EMR cluster and POWER desktops that stop after two idle hours.',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'enclave:environment:provision',
          name: 'Provision secure environment',
          input: {
            name: 'genomics',
            description: 'Variant calling on the 2026 cohort',
            owner: 'group:default/data-science',
            region: 'us-east-1',
            users: ['user:default/grace.hopper'],
            clientCidrs: ['198.51.100.0/24', '203.0.113.16/28'],
            emr: { instanceType: 'm5.2xlarge', coreNodeCount: 4 },
            workspaces: {
              computeType: 'POWER',
              runningModeAutoStopTimeoutInMinutes: 120,
            },
          },
        },
      ],
    }),
  },
];
