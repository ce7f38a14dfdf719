import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/** One field of an action schema: `z => z.string().describe(…)`. */
type SchemaField = Exclude<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>,
  (...args: never[]) => unknown
>[string];

/**
 * The `z` the scaffolder passes to each schema callback, so an action's
 * schema can live in its own `*.schema.ts` file beside the action.
 */
export type Zod = Parameters<SchemaField>[0];

/**
 * A schema written beside its action. Annotated rather than inferred: the
 * inferred zod types would name a copy of zod inside another package, which
 * declaration emit refuses (TS2742). Inputs are validated by zod all the same.
 */
export type ActionSchemaFields = Record<string, SchemaField>;

/** The `environment` input of every day-2 action (an EntityPicker value). */
export const environmentRefInput: SchemaField = (z: Zod) =>
  z
    .string()
    .describe(
      'The environment: its catalog entity ref (resource:default/<team>-<name>)',
    );

/** The fields of a `z.object(…)`, in the scaffolder's zod. */
type ObjectFields = Parameters<Zod['object']>[0];

/**
 * The `planSummary` output of provision, upgrade and destroy: `terraform
 * plan`'s add, change and destroy counts (plus `extra` fields), optional.
 */
export const planSummaryOutput =
  (description: string, extra?: (z: Zod) => ObjectFields): SchemaField =>
  (z: Zod) =>
    z
      .object({
        add: z.number(),
        change: z.number(),
        destroy: z.number(),
        ...extra?.(z),
      })
      .optional()
      .describe(description);
