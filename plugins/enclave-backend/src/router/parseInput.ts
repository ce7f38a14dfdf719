import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** zod parse that fails with an InputError naming each bad field (400). */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues
      .map(i => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw new InputError(`invalid ${what}: ${issues}`);
  }
  return result.data;
}
