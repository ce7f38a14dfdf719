/* Every example shown in the template editor, run through the action in plan mode. */
import { parse } from 'yaml';
import { contextFor } from '../__testUtils__/actionHarness';
import {
  LifecycleRegistry,
  lifecycleDeps,
  seedEnvironment,
} from '../__testUtils__/lifecycleActionHarness';
import { createUsersAddAction } from './usersAdd';
import { usersAddExamples } from './usersAdd.examples';

describe('enclave:users:add examples (plan mode)', () => {
  it.each(usersAddExamples.map(e => [e.description, e] as const))(
    '%s',
    async (_d, example) => {
      const step = parse(example.example).steps[0];
      const registry = new LifecycleRegistry();
      await seedEnvironment(registry);
      const action = createUsersAddAction(lifecycleDeps({ registry }).deps);
      const { ctx } = contextFor(step.input);
      await action.handler(ctx as any);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.added).toEqual(step.input.users);
      expect(registry.get('env-1')!.members.map(m => m.entityRef)).toEqual(
        expect.arrayContaining(step.input.users),
      );
    },
  );
});
