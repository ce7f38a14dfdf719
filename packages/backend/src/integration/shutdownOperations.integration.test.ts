/*
 * A graceful shutdown (what SIGTERM runs: backend.stop() and the plugin
 * lifecycle shutdown hooks) during a provision: the operation this backend
 * runs is closed as failed and the environment released at once, not ~50 s
 * later by the reconciler; and with task recovery on (and no graceful
 * scaffolder shutdown) it is left held for the recovered task.
 *
 * Real backend (startTestBackend): scaffolder, catalog, the enclave registry
 * and this module, on the real database service with SQLite files, the real
 * template through POST /api/scaffolder/v2/tasks. Terraform is the stand-in
 * binary (enclave-node's fake-terraform.js with FAKE_TF_HANG): its `init`
 * waits for the SIGINT the shutdown sends, so the test can stop the backend
 * while the task is provably inside terraform. No AWS: plan mode.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DatabaseManager,
  databaseServiceFactory,
} from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import enclavePlugin from '@data-enclave/plugin-enclave-backend';
import scaffolderModuleEnclave from '@data-enclave/plugin-scaffolder-backend-module-enclave';
import request from 'supertest';
import { guestUserInfoFactory } from './__testUtils__/guestUserInfo';

const REPO = resolve(__dirname, '../../../..');
const STAND_IN_TERRAFORM = resolve(
  REPO,
  'plugins/enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);

jest.setTimeout(300_000);

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
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Starts a backend, provisions until terraform init hangs, stops the backend. */
async function provisionThenShutDown(scaffolder: {
  EXPERIMENTAL_recoverTasks?: boolean;
}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'enclave-shutdown-'));
  const hangMarker = join(dataDir, 'terraform-interrupted');
  const argsLog = join(dataDir, 'terraform-args.log');
  process.env.FAKE_TF_HANG = '1';
  process.env.FAKE_TF_MARKER = hangMarker;
  process.env.FAKE_TF_ARGS_LOG = argsLog;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleEnclave,
      enclavePlugin,
      // A functional in-memory events service: the real one throws "Service
      // is shutting down" from the scaffolder's own late task update after
      // stop() (upstream), which jest would pin on the next test.
      mockServices.events.factory(),
      // The guest's ownership refs as a catalog sign-in resolver issues them
      // (examples/org.yaml): provision checks the owner team in them.
      guestUserInfoFactory,
      // The real database service: one SQLite file per plugin in dataDir,
      // which this test reads after the backend has stopped.
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database: sqliteIn(dataDir) },
          events: { useEventBus: 'never' },
          scaffolder,
          catalog: {
            rules: [{ allow: ['User', 'Group', 'Template', 'Location'] }],
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
            terraform: {
              binary: STAND_IN_TERRAFORM,
              workDir: join(dataDir, 'work'),
              pluginCacheDir: join(dataDir, 'plugin-cache'),
            },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  const auth = `Bearer ${mockCredentials.user.token('user:default/guest')}`;
  try {
    await poll(
      async () =>
        (
          await request(server)
            .get(
              '/api/catalog/entities/by-name/template/default/data-science-environment',
            )
            .set('Authorization', auth)
        ).status === 200
          ? true
          : undefined,
      'the template in the catalog',
      120_000,
    );
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({
        templateRef: 'template:default/data-science-environment',
        values: {
          name: 'shutdown-probe',
          description: 'Stopped by a backend shutdown',
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
    expect({ status: created.status, body: created.body }).toMatchObject({
      status: 201,
    });
    await poll(
      async () => {
        const res = await request(server)
          .get('/api/enclave/environments')
          .set('Authorization', auth);
        const env = res.body.items?.[0];
        const started =
          existsSync(argsLog) && readFileSync(argsLog, 'utf8').includes('init');
        return env?.phase === 'init' && started ? env : undefined;
      },
      'the provision inside terraform init',
      120_000,
    );
    return { taskId: created.body.id as string, dataDir, hangMarker };
  } finally {
    await backend.stop();
    delete process.env.FAKE_TF_HANG;
    delete process.env.FAKE_TF_MARKER;
    delete process.env.FAKE_TF_ARGS_LOG;
  }
}

function sqliteIn(dataDir: string) {
  return { client: 'better-sqlite3', connection: { directory: dataDir } };
}

/** The enclave registry's rows, read from its SQLite file after the stop. */
async function registryRows(dataDir: string) {
  const knex = await DatabaseManager.fromConfig(
    new ConfigReader({ backend: { database: sqliteIn(dataDir) } }),
  )
    .forPlugin('enclave', {
      logger: mockServices.logger.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    })
    .getClient();
  try {
    return {
      environment: await knex('environments')
        .select('state', 'last_error', 'operation_id')
        .first(),
      operations: await knex('operations').select(
        'kind',
        'task_id',
        'result',
        'error',
      ),
    };
  } finally {
    await knex.destroy();
  }
}

describe('graceful shutdown during a provision (stand-in terraform)', () => {
  it('without task recovery: interrupts terraform, records the failure and releases the environment before the backend is down', async () => {
    const { taskId, dataDir, hangMarker } = await provisionThenShutDown({});
    // The stand-in writes this on SIGINT and exits: terraform was
    // interrupted (so it would save state and unlock), not orphaned.
    expect(existsSync(hangMarker)).toBe(true);
    const { environment, operations } = await registryRows(dataDir);
    expect(environment.state).toBe('failed');
    expect(environment.operation_id).toBeNull();
    expect(environment.last_error).toMatch(/shut(ting)? ?down/i);
    expect(environment.last_error).toMatch(/run the task again|retry/);
    expect(operations).toEqual([
      expect.objectContaining({
        kind: 'provision',
        task_id: taskId,
        result: 'failed',
      }),
    ]);
  });

  it('with task recovery on (no graceful scaffolder shutdown): leaves the operation held by its task for the recovered task', async () => {
    const { taskId, dataDir, hangMarker } = await provisionThenShutDown({
      EXPERIMENTAL_recoverTasks: true,
    });
    expect(existsSync(hangMarker)).toBe(true);
    const { environment, operations } = await registryRows(dataDir);
    expect(environment.state).toBe('provisioning');
    expect(environment.operation_id).not.toBeNull();
    expect(operations).toEqual([
      expect.objectContaining({
        kind: 'provision',
        task_id: taskId,
        result: 'running',
      }),
    ]);
  });
});
