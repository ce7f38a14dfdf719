/*
 * Provision refuses an owner team the initiator is not in (issue #20: a guest
 * could create an environment for any team, then got 403 on its card). The
 * refusal comes before any terraform process or AWS call: AWS is mocked
 * (enclave-node's FakeAws, aws-sdk-client-mock) and terraform is the stand-in
 * binary that logs every invocation, in apply mode so both would be reachable.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FakeAws } from '@data-enclave/plugin-enclave-node/testUtils';
import {
  contextFor,
  exampleOrg,
  exampleOrgUserInfo,
  RecordingRegistry,
  VALID_INPUT,
} from '../__testUtils__/actionHarness';
import { mockedApplyMode } from '../__testUtils__/lifecycleActionHarness';
import { resolveCatalogUsers } from '../catalog/catalogUsers';
import { createProvisionAction } from './provision';

// examples/org.yaml: katherine.johnson is in `platform` only.
const OUTSIDER = 'user:default/katherine.johnson';

function setup(adminGroup?: string) {
  const fake = new FakeAws();
  const mode = mockedApplyMode(fake);
  const config = { ...mode.config, adminGroup };
  const catalog = catalogServiceMock({ entities: exampleOrg() });
  const registry = new RecordingRegistry();
  const action = createProvisionAction({
    config,
    registry,
    resolveUsers: (refs, credentials) =>
      resolveCatalogUsers(catalog, refs, credentials),
    userInfo: exampleOrgUserInfo(),
    apply: mode.apply,
  });
  return { fake, mode, registry, action };
}

describe('enclave:environment:provision ownership (mocked AWS, stand-in terraform)', () => {
  it('refuses an owner team the initiator is not in, naming their teams, before terraform, AWS or the registry', async () => {
    const { fake, mode, registry, action } = setup(
      'group:default/enclave-admins',
    );
    const { ctx } = contextFor(VALID_INPUT, { user: { ref: OUTSIDER } });

    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(NotAllowedError);
    await expect(run).rejects.toThrow(
      'user:default/katherine.johnson is not a member of group:default/data-science, so an environment owned by it would be one you cannot see or manage. Pick one of your teams (group:default/platform), or ask a member of group:default/enclave-admins (dataEnclave.adminGroup) to create it.',
    );
    expect(mode.terraformCommands()).toEqual([]);
    expect(fake.totalCalls()).toBe(0);
    expect(registry.calls).toEqual([]);
    fake.restore();
  });

  it('refuses a dry run (template editor) the same way', async () => {
    const { fake, action } = setup();
    const { ctx } = contextFor(VALID_INPUT, {
      user: { ref: OUTSIDER },
      isDryRun: true,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /is not a member of group:default\/data-science/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
    fake.restore();
  });

  it('refuses a task started without a user (a service token)', async () => {
    const { fake, mode, action } = setup();
    const { ctx } = contextFor(VALID_INPUT);
    ctx.getInitiatorCredentials = async () => mockCredentials.service() as any;
    await expect(action.handler(ctx)).rejects.toThrow(
      /must be created by a signed-in user \(this task was started by a service principal\)/,
    );
    expect(mode.terraformCommands()).toEqual([]);
    expect(fake.totalCalls()).toBe(0);
    fake.restore();
  });

  it('lets a member of dataEnclave.adminGroup create for any team: terraform starts (so the refusals above are meaningful)', async () => {
    const { fake, mode, action } = setup('group:default/platform');
    const { ctx } = contextFor(VALID_INPUT, { user: { ref: OUTSIDER } });
    // The stand-in prints no plan JSON, so the run stops after `plan`.
    await expect(action.handler(ctx)).rejects.toThrow();
    expect(mode.terraformCommands().slice(0, 2)).toEqual(['init', 'plan']);
    fake.restore();
  }, 120_000);

  it('lets a member of the owner team create (matching refs case-insensitively, as the policy does)', async () => {
    const { fake, mode, action } = setup();
    const { ctx } = contextFor(
      { ...VALID_INPUT, owner: 'group:default/Data-Science' },
      { user: { ref: 'user:default/guest' } },
    );
    await expect(action.handler(ctx)).rejects.toThrow();
    expect(mode.terraformCommands().slice(0, 2)).toEqual(['init', 'plan']);
    fake.restore();
  }, 120_000);
});
