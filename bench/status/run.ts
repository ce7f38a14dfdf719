/**
 * Status API benchmark: latency and AWS calls of GET /environments/:id/status
 * under load, cached vs uncached, in one run.
 *
 *   node bench/status/run.js [--duration 5] [--connections 20] [--aws-latency 20]
 *
 * Each scenario starts the enclave backend (startTestBackend on a loopback
 * port, with the real permission backend and enclave policy, mock auth),
 * registers 50 applied environments and lets autocannon view their status
 * round-robin as the owning user. AWS is mocked with aws-sdk-client-mock
 * (every call takes `aws-latency` ms) and counted.
 *
 * - cached: the plugin as shipped (cache service + in-flight sharing, TTL 30 s)
 * - uncached: the cache service replaced by one that never hits, so only the
 *   in-flight sharing remains: what every view would cost without the cache
 *
 * Targets: cached p95 ≤ 50 ms; AWS fetches ≤ 1 per environment per TTL.
 * Exits non-zero when a target is missed.
 */
import {
  DescribeDirectoriesCommand,
  DirectoryServiceClient,
} from '@aws-sdk/client-directory-service';
import { DescribeClusterCommand, EMRClient } from '@aws-sdk/client-emr';
import {
  DescribeWorkspacesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import { fork } from 'node:child_process';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../../plugins/enclave-backend/src/__testUtils__/startEnclaveTestBackend';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const durationSeconds = arg('duration', 5);
const connections = arg('connections', 20);
const awsLatencyMs = arg('aws-latency', 20);
const ENVIRONMENTS = 50;
const TTL_SECONDS = 30;

const workspaces = mockClient(WorkSpacesClient);
const directories = mockClient(DirectoryServiceClient);
const emr = mockClient(EMRClient);
const later = <T>(value: T) =>
  new Promise<T>(resolve => setTimeout(() => resolve(value), awsLatencyMs));

function mockAws() {
  workspaces.reset();
  directories.reset();
  emr.reset();
  workspaces.on(DescribeWorkspacesCommand).callsFake(input =>
    later({
      Workspaces: (input.WorkspaceIds ?? []).map((id: string) => ({
        WorkspaceId: id,
        UserName: id.replace(/^ws-/, 'user-'),
        State: 'AVAILABLE',
      })),
    }),
  );
  directories.on(DescribeDirectoriesCommand).callsFake(input =>
    later({
      DirectoryDescriptions: [
        { DirectoryId: input.DirectoryIds[0], Stage: 'Active' },
      ],
    }),
  );
  emr
    .on(DescribeClusterCommand)
    .callsFake(() => later({ Cluster: { Status: { State: 'WAITING' } } }));
}

/** One status fetch = one DescribeDirectories (plus EMR and WorkSpaces calls). */
const fetches = () =>
  directories.commandCalls(DescribeDirectoriesCommand).length;
const sdkCalls = () =>
  fetches() +
  emr.commandCalls(DescribeClusterCommand).length +
  workspaces.commandCalls(DescribeWorkspacesCommand).length;

/** A cache that never hits: the "uncached" scenario. */
const neverHitCache = createServiceFactory({
  service: coreServices.cache,
  deps: {},
  factory: () => {
    const cache = {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      withOptions: () => cache,
    };
    return cache;
  },
});

interface LoadResult {
  latencies: number[];
  non2xx: number;
  elapsedMs: number;
}

/** Runs autocannon in a child process (see loadgen.js). */
function load(options: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('./loadgen.js'));
    child.once('message', message => resolve(message as LoadResult));
    child.once('error', reject);
    child.send(options);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

async function scenario(name: 'cached' | 'uncached') {
  mockAws();
  const { server } = await startEnclaveTestBackend({
    config: { dataEnclave: { status: { cacheTtlSeconds: TTL_SECONDS } } },
    features: name === 'uncached' ? [neverHitCache] : [],
  });
  const base = `http://127.0.0.1:${server.port()}/api/enclave`;
  const service = mockCredentials.service.header();
  const ids: string[] = [];
  for (let i = 0; i < ENVIRONMENTS; i++) {
    const created = await fetch(`${base}/environments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: service },
      body: JSON.stringify({
        name: `env-${i}`,
        team: 'data-science',
        region: 'eu-west-1',
        accountId: '123456789012',
        stackVersion: '1.0.0',
        spec: {},
        members: Array.from({ length: 5 }, (_, u) => ({
          entityRef: `user:default/user-${i}-${u}`,
          username: `user-${i}-${u}`,
          workspaceId: `ws-${i}-${u}`,
        })),
        initiator: TEST_USERS.alice,
      }),
    }).then(r => r.json());
    await fetch(`${base}/environments/${created.id}/state`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: service },
      body: JSON.stringify({
        state: 'ready',
        outputs: { directoryId: `d-${i}`, emrClusterId: `j-${i}` },
      }),
    });
    ids.push(created.id);
  }

  const url = `http://127.0.0.1:${server.port()}`;
  const userHeader = mockCredentials.user.header(TEST_USERS.alice);
  // Warm up: the code paths (JIT, pools, permission backend) on a route
  // without AWS, then one status view per environment. Those first views are
  // cache misses and their AWS calls are counted; latency is then measured in
  // steady state.
  await load({
    url,
    connections,
    duration: 1,
    headers: { authorization: userHeader },
    requests: ids.map(id => ({
      method: 'GET',
      path: `/api/enclave/environments/${id}`,
    })),
  });
  for (const id of ids) {
    await fetch(`${url}/api/enclave/environments/${id}/status`, {
      headers: { authorization: userHeader },
    });
  }
  const warmViews = ids.length;
  const { latencies, non2xx, elapsedMs } = await load({
    url,
    connections,
    duration: durationSeconds,
    headers: { authorization: userHeader },
    // Round-robin over the environments, each connection starting elsewhere.
    requests: ids.map(id => ({
      method: 'GET',
      path: `/api/enclave/environments/${id}/status`,
    })),
  });
  const elapsedSeconds = elapsedMs / 1000;
  await server.stop();

  const views = latencies.length + warmViews;
  return {
    scenario: name,
    views,
    non2xx,
    rps: Math.round(views / elapsedSeconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p95Ms: Number(percentile(latencies, 95).toFixed(1)),
    awsFetches: fetches(),
    awsSdkCalls: sdkCalls(),
    awsFetchesPer1000Views: Number(((fetches() / views) * 1000).toFixed(2)),
    awsSdkCallsPer1000Views: Number(((sdkCalls() / views) * 1000).toFixed(2)),
    elapsedSeconds: Number(elapsedSeconds.toFixed(1)),
  };
}

async function main() {
  // eslint-disable-next-line no-console
  console.log(
    `status bench: ${ENVIRONMENTS} environments, ${connections} connections, ${durationSeconds} s each, AWS latency ${awsLatencyMs} ms, TTL ${TTL_SECONDS} s`,
  );
  const results = [await scenario('cached'), await scenario('uncached')];
  // eslint-disable-next-line no-console
  console.table(results);
  const cached = results[0];
  const ttlWindows = Math.max(
    1,
    Math.ceil(cached.elapsedSeconds / TTL_SECONDS),
  );
  const failures = [
    cached.non2xx + results[1].non2xx > 0 && 'some views did not answer 200',
    cached.p95Ms > 50 && `cached p95 ${cached.p95Ms} ms > 50 ms`,
    cached.awsFetches > ENVIRONMENTS * ttlWindows &&
      `cached made ${cached.awsFetches} AWS fetches for ${ENVIRONMENTS} environments in ${ttlWindows} TTL window(s)`,
  ].filter(Boolean);
  // eslint-disable-next-line no-console
  console.log(
    failures.length
      ? `FAILED: ${failures.join('; ')}`
      : `OK: cached p95 ${cached.p95Ms} ms ≤ 50 ms; ${cached.awsFetches} AWS fetches ≤ 1 per environment per TTL`,
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
