/*
 * Property suite for the registry API bodies (the schemas the enclave backend
 * parses POST and PATCH bodies with): valid bodies are accepted, bodies with
 * one broken rule are refused, and no input makes the parser throw.
 */
import fc from 'fast-check';
import {
  createEnvironmentRequestSchema,
  updateEnvironmentRequestSchema,
} from './registry';
import {
  invalidCreateChange,
  invalidUpdateChange,
  validCreateBody,
  validUpdateBody,
} from './__testUtils__/registryArbitraries';
import {
  caseCounter,
  PROPERTY_RUNS,
} from './spec/__testUtils__/specArbitraries';

describe('registry request body properties', () => {
  it.each([
    [
      'POST /environments',
      createEnvironmentRequestSchema,
      validCreateBody,
      invalidCreateChange,
    ],
    [
      'PATCH /environments/:id/state',
      updateEnvironmentRequestSchema,
      validUpdateBody,
      invalidUpdateChange,
    ],
  ] as const)(
    '%s: valid accepted, one broken rule refused',
    (what, schema, valid, invalid) => {
      const counter = caseCounter(`registry body ${what}`);
      fc.assert(
        fc.property(valid, invalid, (body, change) => {
          counter.count(body);
          expect(schema.safeParse(body).success).toBe(true);
          expect(schema.safeParse({ ...body, ...change }).success).toBe(false);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      counter.report();
      expect(counter.cases).toBe(PROPERTY_RUNS);
    },
  );

  it.each([
    ['POST /environments', createEnvironmentRequestSchema],
    ['PATCH /environments/:id/state', updateEnvironmentRequestSchema],
  ] as const)(
    '%s: arbitrary JSON never throws from safeParse',
    (what, schema) => {
      const counter = caseCounter(`registry body ${what} (arbitrary JSON)`);
      fc.assert(
        fc.property(fc.jsonValue(), body => {
          counter.count(body);
          const result = schema.safeParse(body);
          // Only objects can be bodies the registry accepts.
          expect(!result.success || typeof body === 'object').toBe(true);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      counter.report();
      expect(counter.cases).toBe(PROPERTY_RUNS);
    },
  );
});
