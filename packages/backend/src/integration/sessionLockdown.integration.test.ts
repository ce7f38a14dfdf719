/*
 * G12 through the real template in a real backend (startTestBackend with the
 * scaffolder, catalog and enclave plugins): with the platform's approved
 * bundles configured, a request for any other bundle (here the template's
 * default public bundle) fails the task with a message naming
 * dataEnclave.workspaces.approvedBundles, and terraform is never spawned:
 * terraform is a stand-in that logs every invocation. Plan mode has no AWS
 * credentials, so no AWS call can happen either.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import enclavePlugin from '@data-enclave/plugin-enclave-backend';
import catalogModuleEnclave from '@data-enclave/plugin-catalog-backend-module-enclave';
import scaffolderModuleEnclave from '@data-enclave/plugin-scaffolder-backend-module-enclave';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';

const REPO = resolve(__dirname, '../../../..');
const STAND_IN = resolve(
  REPO,
  'plugins/enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);

async function poll<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

describe('the provision template refuses an unapproved WorkSpaces bundle (G12)', () => {
  jest.setTimeout(600_000);
  const invocations = join(
    mkdtempSync(join(tmpdir(), 'enclave-g12-template-')),
    'terraform.jsonl',
  );
  beforeAll(() => {
    process.env.FAKE_TF_ARGS_LOG = invocations;
  });
  afterAll(() => {
    delete process.env.FAKE_TF_ARGS_LOG;
  });

  it('fails the task naming approvedBundles before terraform runs', async () => {
    const hardened = {
      ...TEST_APPROVED_BUNDLE,
      name: 'enclave-ubuntu-22.04-dcv-hardened',
      owner: '111122223333',
    };
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleTemplateKind,
        scaffolderPlugin,
        scaffolderModuleEnclave,
        enclavePlugin,
        catalogModuleEnclave,
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            events: { useEventBus: 'never' },
            catalog: {
              rules: [
                {
                  allow: ['Resource', 'Location', 'User', 'Group', 'Template'],
                },
              ],
              locations: [
                { type: 'file', target: resolve(REPO, 'examples/org.yaml') },
                {
                  type: 'file',
                  target: resolve(
                    REPO,
                    'templates/data-science-environment/template.yaml',
                  ),
                },
              ],
            },
            dataEnclave: {
              terraform: { binary: STAND_IN },
              workspaces: { approvedBundles: [hardened] },
            },
          },
        }),
      ],
    });
    const auth = `Bearer ${mockCredentials.user.token('user:default/guest')}`;
    await poll(
      async () => {
        const res = await request(server)
          .get(
            '/api/catalog/entities/by-name/template/default/data-science-environment',
          )
          .set('Authorization', auth);
        return res.status === 200 ? true : undefined;
      },
      'the template in the catalog',
      120_000,
    );

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({
        templateRef: 'template:default/data-science-environment',
        values: {
          name: 'lockdown-check',
          description: 'G12 refusal',
          owner: 'group:default/data-science',
          region: 'eu-west-1',
          users: ['user:default/ada.lovelace'],
          clientCidrs: ['203.0.113.0/24'],
          emrInstanceType: 'm5.xlarge',
          emrCoreNodeCount: 2,
          workspacesBundleName: 'Standard with Ubuntu 22.04',
          workspacesComputeType: 'PERFORMANCE',
          workspacesAutoStopMinutes: 60,
        },
      });
    expect(created.status).toBe(201);
    const task = await poll(
      async () => {
        const res = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', auth);
        return ['completed', 'failed', 'cancelled'].includes(res.body.status)
          ? res.body
          : undefined;
      },
      'the task to finish',
      300_000,
    );
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', auth);
    const log = (events.body as Array<{ body: { message?: string } }>)
      .map(e => e.body.message ?? '')
      .join('\n');

    expect(task.status).toBe('failed');
    expect(log).toContain(
      'WorkSpaces bundle "Standard with Ubuntu 22.04" is not in dataEnclave.workspaces.approvedBundles ("enclave-ubuntu-22.04-dcv-hardened")',
    );
    expect(
      existsSync(invocations) ? readFileSync(invocations, 'utf8') : '',
    ).toBe('');
    // Nothing was recorded for the refused request.
    const envs = await request(server)
      .get('/api/enclave/environments?owner=group:default/data-science')
      .set('Authorization', auth);
    expect(envs.status).toBe(200);
    expect(
      (envs.body.items ?? envs.body ?? []).filter(
        (e: { name?: string }) => e.name === 'lockdown-check',
      ),
    ).toEqual([]);
  });
});
