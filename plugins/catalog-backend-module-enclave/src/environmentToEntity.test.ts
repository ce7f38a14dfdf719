import { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import {
  consoleUrl,
  environmentToEntity,
  readStackSourceUrl,
} from './environmentToEntity';

const environment: EnvironmentRecord = {
  id: '5b7c7a52-4d4e-4a57-9a43-3b0f0f9b1a11',
  name: 'analytics',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  state: 'ready',
  stackVersion: '1.2.0',
  spec: {},
  outputs: { vpcId: 'vpc-0abc', emrClusterId: 'j-1', directoryId: 'd-1' },
  members: [
    { entityRef: 'user:default/alice', username: 'alice' },
    { entityRef: 'user:default/bob', username: 'bob' },
  ],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('environmentToEntity', () => {
  it('emits a Resource owned by the team with the users as dependencies', () => {
    const entity = environmentToEntity(environment);
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'data-science-analytics',
        namespace: 'default',
        title: 'analytics (data-science)',
        tags: ['data-enclave', 'eu-west-1'],
      },
      spec: {
        type: 'data-science-environment',
        owner: 'group:default/data-science',
        dependsOn: ['user:default/alice', 'user:default/bob'],
      },
    });
    expect(entity.metadata.description).toContain(
      'Secure data science environment "analytics" of team data-science in eu-west-1',
    );
    expect(entity.metadata.description).toContain('2 WorkSpaces desktops');
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': `enclave:registry/environments/${environment.id}`,
      'backstage.io/managed-by-origin-location': `enclave:registry/environments/${environment.id}`,
      'backstage.io/view-url':
        'https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1#VpcDetails:VpcId=vpc-0abc',
      'data-enclave.io/registry-id': environment.id,
      'data-enclave.io/region': 'eu-west-1',
      'data-enclave.io/account-id': '123456789012',
      'data-enclave.io/stack-version': '1.2.0',
      'data-enclave.io/state': 'ready',
      'data-enclave.io/vpc-id': 'vpc-0abc',
      'data-enclave.io/emr-cluster-id': 'j-1',
      'data-enclave.io/directory-id': 'd-1',
    });
  });

  it('links to the VPC list and omits resource ids before apply', () => {
    const planned = {
      ...environment,
      state: 'planned' as const,
      stateReason: 'plan mode: no AWS credentials',
      outputs: {},
    };
    const entity = environmentToEntity(planned);
    expect(consoleUrl(planned)).toBe(
      'https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1#vpcs:',
    );
    expect(entity.metadata.annotations).not.toHaveProperty([
      'data-enclave.io/vpc-id',
    ]);
    expect(entity.metadata.description).toContain(
      'State: planned (plan mode: no AWS credentials).',
    );
  });

  it('has no source location unless the platform says where the stack lives', () => {
    // No file behind the entity: without a configured source the About card
    // must not be handed a link (the app hides "View Source" for it).
    // (Array paths: the key has dots, which a string path would split on.)
    expect(
      environmentToEntity(environment).metadata.annotations,
    ).not.toHaveProperty(['backstage.io/source-location']);
    const entity = environmentToEntity(environment, {
      stackSourceUrl:
        'https://github.com/acme/data-enclave/tree/v{stackVersion}/plugins/enclave-node/src/stack',
    });
    expect(entity.metadata.annotations).toHaveProperty(
      ['backstage.io/source-location'],
      'url:https://github.com/acme/data-enclave/tree/v1.2.0/plugins/enclave-node/src/stack',
    );
  });
});

describe('readStackSourceUrl', () => {
  it('accepts an http(s) address with {stackVersion} and leaves unset alone', () => {
    expect(readStackSourceUrl(undefined)).toBeUndefined();
    const url =
      'https://git.example.com/platform/enclave/-/tree/{stackVersion}';
    expect(readStackSourceUrl(url)).toBe(url);
  });

  it('refuses an address that would not lead to the stack, naming the key and the fix', () => {
    expect(() =>
      readStackSourceUrl('https://github.com/acme/data-enclave'),
    ).toThrow(
      /catalog\.providers\.dataEnclave\.stackSourceUrl must contain \{stackVersion\}/,
    );
    expect(() => readStackSourceUrl('not a url {stackVersion}')).toThrow(
      /is not a URL: 'not a url \{stackVersion\}'; give the https address/,
    );
    expect(() => readStackSourceUrl('file:///srv/{stackVersion}')).toThrow(
      /must be an http\(s\) address the browser can open, not 'file:'/,
    );
  });
});
