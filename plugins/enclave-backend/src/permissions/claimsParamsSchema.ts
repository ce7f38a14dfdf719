/**
 * Params schema of the enclave permission rules, written as a plain Standard
 * Schema (+ JSON Schema) object. Why not zod: permission-node bundles its own
 * zod 4 while this monorepo is on zod 3, and a zod 3 schema is a different
 * type there; the params are one string array, so a hand-written schema is
 * smaller than a second zod.
 */
export type ClaimsParams = { claims: string[] };

const jsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description: "The user's ownership entity refs (user and group refs)",
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

export const claimsParamsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'data-enclave',
    validate(value: unknown) {
      const claims = (value as { claims?: unknown } | null)?.claims;
      if (
        Array.isArray(claims) &&
        claims.every(claim => typeof claim === 'string')
      ) {
        return { value: { claims } as ClaimsParams };
      }
      return {
        issues: [
          {
            message: 'claims must be an array of entity refs',
            path: ['claims'],
          },
        ],
      };
    },
    jsonSchema: {
      input: () => jsonSchema,
      output: () => jsonSchema,
    },
  },
};
