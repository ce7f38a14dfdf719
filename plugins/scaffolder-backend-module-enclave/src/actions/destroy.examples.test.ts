/*
 * Every example shown in the template editor, through the action in plan
 * mode with the real terraform (`plan -destroy` offline against the mirror).
 */
import { parse } from 'yaml';
import { findProviderMirror } from '@data-enclave/plugin-enclave-node';
import { contextFor, testConfig } from '../__testUtils__/actionHarness';
import {
  LifecycleRegistry,
  lifecycleDeps,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createDestroyAction } from './destroy';
import { destroyExamples } from './destroy.examples';

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true')
  throw new Error('the provider mirror is required under CI=true');
const describeEngine = mirror ? describe : describe.skip;

describeEngine(
  'enclave:environment:destroy examples (real terraform, plan mode)',
  () => {
    jest.setTimeout(300_000);

    it.each(destroyExamples.map(e => [e.description, e] as const))(
      '%s',
      async (_d, example) => {
        const step = parse(example.example).steps[0];
        const registry = new LifecycleRegistry();
        await seedEnvironment(registry, { state: 'planned' });
        const action = createDestroyAction(
          lifecycleDeps({
            registry,
            config: testConfig({ terraform: { providerMirror: mirror } }),
          }).deps,
        );
        const { ctx, logs } = contextFor(step.input);
        await action.handler(ctx as any);
        const outputs = Object.fromEntries(
          (ctx.output as jest.Mock).mock.calls,
        );
        // A planned environment has no state: the destroy plan is empty, and
        // the record goes (its entity with it).
        expect(outputs).toMatchObject({
          state: 'destroyed',
          planOnly: true,
          planSummary: { add: 0, change: 0, destroy: 0 },
        });
        expect(logs).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
        expect(registry.get('env-1')!.state).toBe('destroyed');
        expect(registry.operations.at(-1)).toMatchObject({
          kind: 'destroy',
          result: 'succeeded',
        });
      },
    );
  },
);
