/*
 * Property suite for the environment spec boundary: every generated valid spec
 * is accepted and survives a JSON round trip unchanged (the registry stores it
 * as JSON and the stack re-parses it); every spec with one invalid field is
 * refused with an issue naming that field; and arbitrary JSON never escapes
 * as anything but EnvironmentSpecError.
 */
import fc from 'fast-check';
import { EnvironmentSpecError, parseEnvironmentSpec } from './environmentSpec';
import {
  caseCounter,
  invalidChange,
  PROPERTY_RUNS,
  validSpecInput,
} from './__testUtils__/specArbitraries';

/** The spec's issues; [] when accepted. Rethrows anything else. */
function issuesOf(input: unknown): string[] {
  try {
    parseEnvironmentSpec(input);
    return [];
  } catch (error) {
    if (error instanceof EnvironmentSpecError) return error.issues;
    throw error;
  }
}

describe('EnvironmentSpec properties', () => {
  it('accepts every valid spec, and the parsed spec round-trips through JSON', () => {
    const counter = caseCounter('environment spec (valid, round trip)');
    fc.assert(
      fc.property(validSpecInput, input => {
        counter.count(input);
        const spec = parseEnvironmentSpec(input);
        const again = parseEnvironmentSpec(JSON.parse(JSON.stringify(spec)));
        expect(again).toEqual(spec);
        expect(spec.name).toBe(input.name);
        expect(spec.clientCidrs).toEqual(input.clientCidrs);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    counter.report();
    expect(counter.cases).toBe(PROPERTY_RUNS);
  });

  it('never accepts a spec with one invalid field, and names the field', () => {
    const counter = caseCounter('environment spec (one invalid field)');
    fc.assert(
      fc.property(validSpecInput, invalidChange, (input, { path, change }) => {
        counter.count(change);
        const issues = issuesOf({ ...input, ...change });
        expect(issues.some(issue => issue.startsWith(path))).toBe(true);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    counter.report();
    expect(counter.cases).toBe(PROPERTY_RUNS);
  });

  it('throws nothing but EnvironmentSpecError for arbitrary JSON', () => {
    const counter = caseCounter('environment spec (arbitrary JSON)');
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          // Objects that look like specs but carry random values in known keys.
          fc.record(
            {
              name: fc.jsonValue(),
              team: fc.jsonValue(),
              region: fc.jsonValue(),
              accountId: fc.jsonValue(),
              clientCidrs: fc.jsonValue(),
              users: fc.jsonValue(),
              emr: fc.jsonValue(),
              workspaces: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
        value => {
          counter.count(value);
          // Throws (failing the property) on anything but EnvironmentSpecError.
          if (issuesOf(value).length === 0) accepted++;
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
    counter.report();
    // Random JSON is essentially never a complete, valid spec.
    expect(accepted).toBe(0);
  });
});
