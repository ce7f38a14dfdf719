import { summarizeDrift } from './driftCheck';

describe('summarizeDrift', () => {
  it('lists the resources Terraform found changed outside it, ignoring no-ops', () => {
    expect(
      summarizeDrift({
        resource_drift: [
          {
            address: 'aws_security_group.workspaces',
            change: { actions: ['update'] },
          },
          { address: 'aws_vpc_endpoint.s3', change: { actions: ['delete'] } },
          { address: 'aws_vpc.network', change: { actions: ['no-op'] } },
        ],
      }),
    ).toEqual(['aws_security_group.workspaces', 'aws_vpc_endpoint.s3']);
  });

  it('is empty for a refresh-only plan without drift', () => {
    expect(summarizeDrift({ resource_changes: [] })).toEqual([]);
  });
});
