import fc from 'fast-check';
import {
  SAM_ACCOUNT_NAME_MAX_LENGTH,
  assignSamAccountNames,
  deriveSamAccountName,
  isValidSamAccountName,
} from './samAccountName';

describe('sAMAccountName derivation', () => {
  it('keeps valid catalog names unchanged (lower-cased)', () => {
    expect(deriveSamAccountName('jane.doe')).toBe('jane.doe');
    expect(deriveSamAccountName('John_Smith')).toBe('john_smith');
    expect(deriveSamAccountName('a-20-character-name1')).toBe(
      'a-20-character-name1',
    );
  });

  it('hashes names it has to alter: too long, forbidden characters, reserved', () => {
    expect(deriveSamAccountName('a-21-character-name12')).toMatch(
      /^a-21-characte-[0-9a-f]{6}$/,
    );
    expect(deriveSamAccountName('jane@example.com')).toMatch(
      /^janeexample.c-[0-9a-f]{6}$/,
    );
    expect(deriveSamAccountName('Admin')).toMatch(/^admin-[0-9a-f]{6}$/);
    expect(deriveSamAccountName('"/\\[]:;|=,+*?<>@')).toMatch(
      /^u-[0-9a-f]{6}$/,
    );
    expect(deriveSamAccountName('trailing.')).toMatch(/^trailing-[0-9a-f]{6}$/);
  });

  it('always yields a valid, deterministic name (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), name => {
        const derived = deriveSamAccountName(name);
        expect(isValidSamAccountName(derived)).toBe(true);
        expect(derived.length).toBeLessThanOrEqual(SAM_ACCOUNT_NAME_MAX_LENGTH);
        expect(derived).not.toMatch(/["/\\[\]:;|=,+*?<>@\s]/);
        expect(derived.endsWith('.')).toBe(false);
        expect(deriveSamAccountName(name)).toBe(derived);
      }),
      { numRuns: 500 },
    );
  });

  it('assigns unique names whatever the order, and never renames on additions (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/), {
          minLength: 1,
          maxLength: 40,
          comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
        }),
        names => {
          const forward = assignSamAccountNames(names);
          const backward = assignSamAccountNames([...names].reverse());
          const assigned = names.map(n => forward.get(n)!);
          expect(new Set(assigned).size).toBe(names.length);
          expect(names.map(n => backward.get(n))).toEqual(assigned);
          // Adding someone later does not change existing names.
          const more = assignSamAccountNames([...names, 'newcomer-on-day-two']);
          expect(names.map(n => more.get(n))).toEqual(assigned);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats entity names case-insensitively', () => {
    const names = assignSamAccountNames(['Jane.Doe', 'jane.doe']);
    expect(names.get('Jane.Doe')).toBe('jane.doe');
    expect(names.get('jane.doe')).toBe('jane.doe');
  });
});
