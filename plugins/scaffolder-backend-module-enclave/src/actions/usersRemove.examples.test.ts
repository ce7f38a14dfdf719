/* Every example shown in the template editor, run through the action in plan mode. */
import { parse } from 'yaml';
import { contextFor } from '../__testUtils__/actionHarness';
import {
  LifecycleRegistry,
  lifecycleDeps,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createUsersRemoveAction } from './usersRemove';
import { usersRemoveExamples } from './usersRemove.examples';

describe('enclave:users:remove examples (plan mode)', () => {
  it.each(usersRemoveExamples.map(e => [e.description, e] as const))(
    '%s',
    async (_d, example) => {
      const step = parse(example.example).steps[0];
      const registry = new LifecycleRegistry();
      await seedEnvironment(registry);
      const action = createUsersRemoveAction(lifecycleDeps({ registry }).deps);
      const { ctx } = contextFor(step.input);
      await action.handler(ctx as any);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.removed).toEqual(step.input.users);
      const left = registry.get('env-1')!.members.map(m => m.entityRef);
      for (const user of step.input.users) expect(left).not.toContain(user);
    },
  );
});
