/*
 * fast-check arbitraries for the registry's request bodies (POST
 * /environments, PATCH /environments/:id/state): valid ones built from the
 * schema's stated rules, and invalid ones that break exactly one rule.
 */
import fc from 'fast-check';
import {
  ENVIRONMENT_STATES,
  OPERATION_KINDS,
  OPERATION_RESULTS,
} from '../registry';

const text = fc.string({ minLength: 1, maxLength: 30 });
const member = fc.record(
  {
    entityRef: fc.string(),
    username: fc.string(),
    email: fc.string(),
    workspaceId: fc.string(),
    state: fc.string(),
    secretName: fc.string(),
  },
  { requiredKeys: ['entityRef', 'username'] },
);

export const validCreateBody = fc.record(
  {
    name: text,
    team: text,
    region: text,
    accountId: fc
      .array(fc.constantFrom(...'0123456789'.split('')), {
        minLength: 12,
        maxLength: 12,
      })
      .map(d => d.join('')),
    stackVersion: text,
    spec: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
    state: fc.constantFrom(...ENVIRONMENT_STATES),
    stateReason: fc.string(),
    members: fc.array(member, { maxLength: 3 }),
    initiator: text,
    taskId: fc.string(),
  },
  {
    requiredKeys: [
      'name',
      'team',
      'region',
      'accountId',
      'stackVersion',
      'spec',
      'initiator',
    ],
  },
);

/** A value of the wrong JSON type for a field (never the right type). */
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);

export const invalidCreateChange: fc.Arbitrary<Record<string, unknown>> =
  fc.oneof(
    fc
      .constantFrom('name', 'team', 'region', 'stackVersion', 'initiator')
      .chain(key =>
        fc.oneof(fc.constant(''), notString).map(v => ({ [key]: v })),
      ),
    fc
      .oneof(
        notString,
        fc.string().filter(s => !/^\d{12}$/.test(s)),
      )
      .map(accountId => ({ accountId })),
    fc
      .string()
      .filter(s => !(ENVIRONMENT_STATES as readonly string[]).includes(s))
      .map(state => ({ state })),
    fc.oneof(notString, fc.constant(undefined)).map(spec => ({ spec })),
    fc
      .oneof(fc.string(), fc.constant([{ username: 'x' }]), fc.integer())
      .map(members => ({ members })),
  );

export const validUpdateBody = fc.record(
  {
    state: fc.constantFrom(...ENVIRONMENT_STATES),
    stateReason: fc.option(fc.string()),
    phase: fc.option(fc.string()),
    progress: fc.option(fc.record({ done: fc.nat(), total: fc.nat() })),
    stackVersion: fc.string(),
    lastError: fc.option(fc.string()),
    planSummary: fc.record({
      add: fc.nat(),
      change: fc.nat(),
      destroy: fc.nat(),
    }),
    members: fc.array(member, { maxLength: 2 }),
    operation: fc.record(
      {
        kind: fc.constantFrom(...OPERATION_KINDS),
        initiator: text,
        result: fc.constantFrom(...OPERATION_RESULTS),
        error: fc.string(),
      },
      { requiredKeys: ['kind', 'initiator', 'result'] },
    ),
  },
  { requiredKeys: [] },
);

export const invalidUpdateChange: fc.Arbitrary<Record<string, unknown>> =
  fc.oneof(
    fc
      .string()
      .filter(s => !(ENVIRONMENT_STATES as readonly string[]).includes(s))
      .map(state => ({ state })),
    fc
      .oneof(
        fc.integer({ max: -1 }),
        fc.double({ noInteger: true, noNaN: true }),
      )
      .map(done => ({ progress: { done, total: 1 } })),
    fc
      .string()
      .filter(k => !(OPERATION_KINDS as readonly string[]).includes(k))
      .map(kind => ({
        operation: { kind, initiator: 'user:default/x', result: 'running' },
      })),
    fc.constantFrom('add', 'change', 'destroy').map(k => ({
      planSummary: { add: 0, change: 0, destroy: 0, [k]: -1 },
    })),
    notString.filter(v => v !== null).map(stateReason => ({ stateReason })),
  );
