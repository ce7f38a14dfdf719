import { mockCredentials } from '@backstage/backend-test-utils';
import { startEnclaveTestBackend, TEST_USERS } from '/work/main/plugins/enclave-backend/src/testing/startEnclaveTestBackend';
async function main() {
  const { server } = await startEnclaveTestBackend({});
  const base = `http://127.0.0.1:${server.port()}/api`;
  const service = mockCredentials.service.header();
  const created = await fetch(`${base}/enclave/environments`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: service }, body: JSON.stringify({ name: 'x', team: 'data-science', region: 'eu-west-1', accountId: '123456789012', stackVersion: '1', spec: {}, state: 'planned', initiator: 'user:default/alice' }) }).then(r => r.json());
  const user = mockCredentials.user.header(TEST_USERS.alice);
  for (const [label, path, auth] of [['health', '/enclave/health', user], ['get-service', `/enclave/environments/${created.id}`, service], ['get-user', `/enclave/environments/${created.id}`, user], ['status-user', `/enclave/environments/${created.id}/status`, user], ['perm-health', '/permission/health', user]] as const) {
    for (let i = 0; i < 50; i++) await fetch(base + path, { headers: { Authorization: auth } });
    const t = performance.now();
    for (let i = 0; i < 200; i++) await fetch(base + path, { headers: { Authorization: auth } });
    console.log(label, ((performance.now() - t) / 200).toFixed(2), 'ms');
  }
  await server.stop();
}
main();
