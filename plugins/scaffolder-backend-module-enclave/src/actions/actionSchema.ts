import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/**
 * The `z` the scaffolder passes to each schema callback, so an action's
 * schema can live in its own `*.schema.ts` file beside the action.
 */
export type Zod = Parameters<
  Exclude<
    NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>,
    (...args: never[]) => unknown
  >[string]
>[0];
