import { describeDiff, holdUpgrade } from './upgradeEnvironment';

const ADDS_ONLY = {
  add: 1,
  change: 2,
  destroy: 0,
  addresses: {
    add: ['aws_flow_log.extra'],
    change: ['aws_vpc.network', 'aws_kms_key.kms'],
    destroy: [],
  },
};
const REPLACES_DIRECTORY = {
  add: 1,
  change: 0,
  destroy: 1,
  addresses: {
    add: ['aws_directory_service_directory.directory'],
    change: [],
    destroy: ['aws_directory_service_directory.directory'],
  },
};

describe('the upgrade apply gate', () => {
  it('lets a plan that destroys nothing through without confirmation', () => {
    expect(holdUpgrade(ADDS_ONLY, false)).toBeUndefined();
  });

  it('holds a plan that destroys or replaces something until confirmed', () => {
    expect(holdUpgrade(REPLACES_DIRECTORY, false)).toBe(
      'Not applied: the upgrade destroys or replaces 1 resource(s) (aws_directory_service_directory.directory). Review them and run the upgrade again with confirm: true.',
    );
    expect(holdUpgrade(REPLACES_DIRECTORY, true)).toBeUndefined();
  });

  it('does not let a confirmation cover destroys nobody saw', () => {
    expect(
      holdUpgrade(REPLACES_DIRECTORY, true, [
        'aws_directory_service_directory.directory',
      ]),
    ).toBeUndefined();
    expect(holdUpgrade(REPLACES_DIRECTORY, true, [])).toMatch(
      /now also destroys aws_directory_service_directory.directory, which was not in the confirmed plan/,
    );
  });

  it('lists the diff by action for the task log', () => {
    expect(describeDiff(ADDS_ONLY)).toEqual([
      'Upgrade plan: 1 to add, 2 to change, 0 to destroy.',
      '  + add aws_flow_log.extra',
      '  ~ change aws_vpc.network',
      '  ~ change aws_kms_key.kms',
    ]);
  });
});
