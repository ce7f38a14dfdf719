/*
 * Every example shown in the template editor runs through the action in plan
 * mode with the real terraform (init + plan offline against the provider mirror).
 */
import { parse } from 'yaml';
import { findProviderMirror } from '@data-enclave/plugin-enclave-node';
import {
  contextFor,
  makeAction,
  testConfig,
} from '../__testUtils__/actionHarness';
import { provisionExamples } from './provision.examples';

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true') {
  throw new Error(
    'the provider mirror is required under CI=true (set ENCLAVE_TF_PROVIDER_MIRROR)',
  );
}
const describeEngine = mirror ? describe : describe.skip;

describeEngine(
  'enclave:environment:provision examples (real terraform, plan mode)',
  () => {
    jest.setTimeout(600_000);

    it.each(provisionExamples.map(e => [e.description, e] as const))(
      '%s',
      async (_d, example) => {
        const step = parse(example.example).steps[0];
        const { action, registry } = makeAction({
          config: testConfig({ terraform: { providerMirror: mirror } }),
        });
        const { ctx, logs } = contextFor(step.input);
        await action.handler(ctx);

        const outputs = Object.fromEntries(
          (ctx.output as jest.Mock).mock.calls,
        );
        expect(outputs.state).toBe('planned');
        expect(outputs.environmentRef).toBe(
          `resource:default/data-science-${step.input.name}`,
        );
        expect(outputs.guardrails.passed).toBe(true);
        expect(outputs.guardrails.source).toBe('plan');
        expect(outputs.planSummary.add).toBeGreaterThan(50);
        expect(logs).toContain(
          `Plan: ${outputs.planSummary.add} to add, 0 to change, 0 to destroy.`,
        );
        expect(
          logs.some(l => l.startsWith('Plan mode: nothing was applied')),
        ).toBe(true);

        const record = registry.get(outputs.environmentId)!;
        expect(record.state).toBe('planned');
        expect(record.planSummary?.add).toBe(outputs.planSummary.add);
        expect(record.members.map(m => m.entityRef)).toEqual(step.input.users);
        const lastUpdate = registry.calls
          .filter(c => c.method === 'updateEnvironment')
          .at(-1)!;
        expect((lastUpdate.args[1] as any).operation).toMatchObject({
          kind: 'provision',
          result: 'succeeded',
        });
      },
    );
  },
);
