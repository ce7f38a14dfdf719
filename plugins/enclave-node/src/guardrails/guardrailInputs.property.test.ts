/*
 * Property suite for the guardrail input boundary (`enclave check`, the synth
 * gate and the plan gate all go through checkGuardrails). Whatever JSON
 * arrives, the outcome is a report (findings, exit 1 in the CLI) or a
 * TerraformDocumentError (exit 2): never a TypeError from a rule that trusted
 * a shape. The richest inputs are the real clean stack with random values
 * written at random places, because that is where rules dig deepest.
 */
import fc from 'fast-check';
import { caseCounter } from '@data-enclave/plugin-enclave-common/testUtils';
import { checkGuardrails } from './checkGuardrails';
import { GUARDRAIL_RULES } from './rules';
import { TerraformDocumentError } from './documentErrors';
import { parseTerraformDocument } from './loadDocument';
import { CleanStack, synthesizeCleanStack } from './__testUtils__/cleanStack';

const RUNS = 300;

/** Runs the gate; returns 'report' or 'document-error', rethrows anything else. */
function outcome(input: unknown): 'report' | 'document-error' {
  try {
    const report = checkGuardrails(input, { accountId: '123456789012' });
    expect(typeof report.passed).toBe('boolean');
    // Every rule in the one list (G1-G12 and the function checks) reports.
    expect(report.rules.map(r => r.id)).toEqual(GUARDRAIL_RULES.map(r => r.id));
    return 'report';
  } catch (error) {
    if (error instanceof TerraformDocumentError) return 'document-error';
    throw error;
  }
}

/** Every path to an object or array inside `value`. */
function containerPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return [
    path,
    ...Object.entries(value as object).flatMap(([k, v]) =>
      containerPaths(v, [...path, k]),
    ),
  ];
}

function writeAt(root: any, path: string[], key: string, value: unknown) {
  let node = root;
  for (const part of path) node = node[part];
  const keys = Object.keys(node);
  // Half the time overwrite an existing key (a wrong shape where rules look).
  const target =
    keys.length && key.length % 2 === 0 ? keys[key.length % keys.length] : key;
  node[target] = value;
}

describe('guardrail inputs (property)', () => {
  let clean: CleanStack;
  let paths: string[][];
  beforeAll(() => {
    clean = synthesizeCleanStack();
    paths = containerPaths(clean.json);
  });
  afterAll(() => clean.dispose());

  it('arbitrary JSON gives a report or a TerraformDocumentError, nothing else', () => {
    const counter = caseCounter('guardrails (arbitrary JSON)');
    const seen = { report: 0, 'document-error': 0 };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ resource: fc.jsonValue() }, { requiredKeys: [] }),
          fc.record({
            format_version: fc.string(),
            planned_values: fc.jsonValue(),
            resource_changes: fc.jsonValue(),
            configuration: fc.jsonValue(),
          }),
          fc.record({
            resource: fc.dictionary(
              fc.constantFrom(
                'aws_vpc',
                'aws_security_group',
                'aws_s3_bucket',
                'aws_route',
                'aws_vpc_endpoint',
              ),
              fc.dictionary(fc.string(), fc.jsonValue()),
            ),
            provider: fc.jsonValue(),
          }),
        ),
        input => {
          counter.count(input);
          seen[outcome(input)]++;
        },
      ),
      { numRuns: RUNS },
    );
    counter.report();
    expect(seen.report + seen['document-error']).toBe(RUNS);
    expect(seen['document-error']).toBeGreaterThan(0);
  });

  it('the clean stack with random values written into it never crashes a rule', () => {
    const counter = caseCounter('guardrails (mutated clean stack)');
    expect(outcome(clean.json)).toBe('report');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.string({ maxLength: 8 }),
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.constantFrom(
                '0.0.0.0/0',
                '::/0',
                '${aws_vpc.vpc.id}',
                '*',
                true,
                null,
              ),
            ),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        writes => {
          counter.count(writes);
          const json = structuredClone(clean.json);
          for (const [index, key, value] of writes) {
            // Paths of the pristine stack; skip ones an earlier write replaced.
            try {
              writeAt(json, paths[index % paths.length], key, value);
            } catch {
              continue;
            }
          }
          outcome(json);
        },
      ),
      { numRuns: RUNS },
    );
    counter.report();
    expect(counter.cases).toBe(RUNS);
  });

  it('file text: parseTerraformDocument throws only TerraformDocumentError', () => {
    const counter = caseCounter('guardrails (file text)');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map(v => JSON.stringify(v)),
          fc
            .string()
            .map(s => `${JSON.stringify(clean.json).slice(0, 200)}${s}`),
        ),
        text => {
          counter.count(text);
          let thrown: unknown;
          try {
            outcome(parseTerraformDocument(text));
          } catch (error) {
            thrown = error;
          }
          // Either a report came out, or the one documented input error.
          expect(
            thrown === undefined || thrown instanceof TerraformDocumentError,
          ).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    counter.report();
  });
});
