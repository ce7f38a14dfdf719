import { generatePassword, meetsComplexity, redact } from './passwords';

describe('initial passwords', () => {
  it('meet AD complexity with at least two of every class', () => {
    for (let i = 0; i < 2_000; i++) {
      const password = generatePassword('jdoe');
      expect(password).toHaveLength(24);
      expect(meetsComplexity(password, 'jdoe')).toBe(true);
      expect(password.match(/[A-Z]/g)!.length).toBeGreaterThanOrEqual(2);
      expect(password.match(/[a-z]/g)!.length).toBeGreaterThanOrEqual(2);
      expect(password.match(/[0-9]/g)!.length).toBeGreaterThanOrEqual(2);
      expect(password.match(/[^A-Za-z0-9]/g)!.length).toBeGreaterThanOrEqual(2);
      expect(password).not.toMatch(/[0O1lI\s"'`\\]/);
    }
  });

  it('are not repeated', () => {
    const seen = new Set(
      Array.from({ length: 1_000 }, () => generatePassword()),
    );
    expect(seen.size).toBe(1_000);
  });

  it('rejects passwords that contain the username or lack classes', () => {
    expect(meetsComplexity('xxJDOExx12!!', 'jdoe')).toBe(false);
    expect(meetsComplexity('alllowercase', 'x')).toBe(false);
    expect(meetsComplexity('Ab1!', 'x')).toBe(false);
  });

  it('redacts secrets from text', () => {
    expect(redact('bad Pa55! and Pa55! again', ['Pa55!'])).toBe(
      'bad *** and *** again',
    );
  });
});
