/*
 * Property suite for the registry HTTP API: random bodies sent by a service
 * principal (the only caller allowed to write) get a 4xx naming the problem,
 * never a 500, and a body the schema refuses is always a 400. Runs against the
 * real router, permission backend and the mock SQLite database.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createEnvironmentRequestSchema,
  updateEnvironmentRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import {
  invalidCreateChange,
  invalidUpdateChange,
  validCreateBody,
  validUpdateBody,
} from '@data-enclave/plugin-enclave-common/testUtils';
import { caseCounter } from '@data-enclave/plugin-enclave-common/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { startEnclaveTestBackend } from '../__testUtils__/startEnclaveTestBackend';

// HTTP round trips cost more than pure parsing, so fewer cases per property.
const RUNS = 150;

/** Bodies that mix valid bodies, one-rule breaks and arbitrary JSON. */
const bodies = (
  valid: fc.Arbitrary<Record<string, unknown>>,
  invalid: fc.Arbitrary<Record<string, unknown>>,
) =>
  fc.oneof(
    valid,
    fc.tuple(valid, invalid).map(([b, change]) => ({ ...b, ...change })),
    fc.jsonValue(),
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }),
  );

describe('enclave API request bodies (property)', () => {
  let server: Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];
  let envId: string;
  const service = () => mockCredentials.service.header();

  beforeAll(async () => {
    ({ server } = await startEnclaveTestBackend());
    const created = await request(server)
      .post('/api/enclave/environments')
      .set('Authorization', service())
      .send({
        name: 'analytics',
        team: 'group:default/data-science',
        region: 'eu-west-1',
        accountId: '123456789012',
        stackVersion: '1.0.0',
        spec: { name: 'analytics' },
        initiator: 'user:default/alice',
      });
    if (created.status !== 201) {
      throw new Error(`setup: creating the environment gave ${created.status}`);
    }
    envId = created.body.id;
  });

  it.each([
    [
      'POST /environments',
      'post',
      createEnvironmentRequestSchema,
      validCreateBody,
      invalidCreateChange,
    ],
    [
      'PATCH /environments/:id/state',
      'patch',
      updateEnvironmentRequestSchema,
      validUpdateBody,
      invalidUpdateChange,
    ],
  ] as const)(
    '%s: random bodies get 4xx, never 5xx; schema-invalid bodies get 400',
    async (what, method, schema, valid, invalid) => {
      const counter = caseCounter(`registry HTTP ${what}`);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(bodies(valid, invalid), async body => {
          counter.count(body);
          const path =
            method === 'post'
              ? '/api/enclave/environments'
              : `/api/enclave/environments/${envId}/state`;
          // JSON.stringify keeps top-level strings/numbers as JSON texts.
          const res = await request(server)
            [method](path)
            .set('Authorization', service())
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status).toBeLessThan(500);
          // A body the schema refuses must be a 400 InputError (express.json,
          // strict, refuses top-level scalars itself: SyntaxError).
          const refused = !schema.safeParse(body).success;
          expect({
            status: refused ? res.status : 400,
            error: refused ? res.body.error?.name : 'InputError',
          }).toEqual({
            status: 400,
            error: expect.stringMatching(/^(InputError|SyntaxError)$/),
          });
        }),
        { numRuns: RUNS },
      );
      counter.report();
      expect(counter.cases).toBe(RUNS);
      // Both outcomes occurred, so the oracle was exercised both ways.
      expect(statuses.get(400)).toBeGreaterThan(0);
      expect([...statuses.keys()].some(s => s < 300)).toBe(true);
    },
    120_000,
  );

  it('answers 400 (not 500) to bodies that are not JSON at all', async () => {
    const counter = caseCounter('registry HTTP malformed JSON text');
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }).filter(s => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        async text => {
          counter.count(text);
          const res = await request(server)
            .post('/api/enclave/environments')
            .set('Authorization', service())
            .set('Content-Type', 'application/json')
            .send(text);
          expect(res.status).toBe(400);
        },
      ),
      { numRuns: 50 },
    );
    counter.report();
  }, 60_000);
});
