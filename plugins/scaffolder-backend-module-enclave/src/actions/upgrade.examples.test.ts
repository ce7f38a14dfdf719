/*
 * The template editor's examples: the single-step one runs through the
 * action in plan mode with the real terraform; the two-step one is templated
 * (`${{ parameters.* }}`), so its wiring is checked instead.
 */
import { parse } from 'yaml';
import { findProviderMirror } from '@data-enclave/plugin-enclave-node';
import { contextFor, testConfig } from '../__testUtils__/actionHarness';
import {
  LifecycleRegistry,
  lifecycleDeps,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createUpgradeAction } from './upgrade';
import { upgradeExamples } from './upgrade.examples';

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true')
  throw new Error('the provider mirror is required under CI=true');
const describeEngine = mirror ? describe : describe.skip;

describeEngine(
  'enclave:environment:upgrade examples (real terraform, plan mode)',
  () => {
    jest.setTimeout(600_000);

    it.each([[upgradeExamples[0].description, upgradeExamples[0]]] as const)(
      '%s',
      async (_d, example) => {
        const step = parse(example.example).steps[0];
        const registry = new LifecycleRegistry();
        await seedEnvironment(registry, { state: 'planned' });
        const action = createUpgradeAction(
          lifecycleDeps({
            registry,
            config: testConfig({
              stackVersion: '1.1.0',
              terraform: { providerMirror: mirror },
            }),
          }).deps,
        );
        const { ctx, logs } = contextFor(step.input);
        await action.handler(ctx as any);
        const outputs = Object.fromEntries(
          (ctx.output as jest.Mock).mock.calls,
        );
        expect(outputs).toMatchObject({
          fromVersion: '1.0.0',
          toVersion: '1.1.0',
          applied: false,
          needsConfirmation: false,
          planOnly: true,
        });
        // Never applied: the plan is the whole stack, nothing to destroy.
        expect(outputs.planSummary.add).toBeGreaterThan(50);
        expect(outputs.planSummary.destroy).toBe(0);
        expect(logs).toContain(
          `Upgrade plan: ${outputs.planSummary.add} to add, 0 to change, 0 to destroy.`,
        );
        expect(logs).toContain(
          'Upgrading analytics from stack version 1.0.0 to 1.1.0',
        );
        // A planned environment moves to the new version with its plan.
        const record = registry.get('env-1')!;
        expect(record.stackVersion).toBe('1.1.0');
        expect(record.spec.stackVersion).toBe('1.1.0');
        expect(record.state).toBe('planned');
      },
    );
  },
);

describe('enclave:environment:upgrade two-step example', () => {
  it('plans without confirmation first, then applies only the confirmed destroys when asked', () => {
    const [plan, apply] = parse(upgradeExamples[1].example).steps;
    expect(plan).toMatchObject({
      id: 'plan',
      action: 'enclave:environment:upgrade',
      input: { confirm: false },
    });
    expect(apply).toMatchObject({
      action: 'enclave:environment:upgrade',
      if: '${{ parameters.confirm and steps.plan.output.needsConfirmation }}',
      input: {
        confirm: true,
        approvedDestroys:
          '${{ steps.plan.output.planSummary.addresses.destroy }}',
      },
    });
  });
});
