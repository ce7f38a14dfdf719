/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { EnclaveNetwork } from './network';
import {
  onlyResource,
  resourcesOfType,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveNetwork', () => {
  const synth = (
    props: Partial<ConstructorParameters<typeof EnclaveNetwork>[2]> = {},
  ) =>
    synthConstruct(scope => {
      new EnclaveNetwork(scope, 'network', {
        namePrefix: 'enclave-test',
        region: 'us-east-1',
        vpcCidr: '10.42.0.0/16',
        ...props,
      });
    });

  it('creates a DNS-enabled VPC with two private subnets in WorkSpaces AZ IDs', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_vpc')).toMatchObject({
      cidr_block: '10.42.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    const subnets = resourcesOfType(json, 'aws_subnet');
    expect(subnets.map(s => [s.cidr_block, s.availability_zone_id])).toEqual([
      ['10.42.0.0/18', 'use1-az2'],
      ['10.42.64.0/18', 'use1-az4'],
    ]);
    for (const subnet of subnets) {
      expect(subnet.map_public_ip_on_launch).toBe(false);
      expect(subnet.availability_zone).toBeUndefined();
      expect(subnet.tags['for-use-with-amazon-emr-managed-policies']).toBe(
        'true',
      );
    }
  });

  it('owns every route table with an empty route set and empties the default security group', () => {
    const json = synth();
    const tables = resourcesOfType(json, 'aws_route_table');
    expect(tables).toHaveLength(2);
    for (const table of tables) expect(table.route).toEqual([]);
    expect(onlyResource(json, 'aws_default_route_table').route).toEqual([]);
    expect(onlyResource(json, 'aws_default_security_group')).toMatchObject({
      ingress: [],
      egress: [],
    });
    expect(resourcesOfType(json, 'aws_route_table_association')).toHaveLength(
      2,
    );
    for (const forbidden of [
      'aws_internet_gateway',
      'aws_nat_gateway',
      'aws_eip',
      'aws_route',
    ]) {
      expect(resourcesOfType(json, forbidden)).toHaveLength(0);
    }
  });

  it('honours explicit AZ ids and subnet prefix', () => {
    const json = synth({
      azIds: ['use1-az6', 'use1-az4'],
      subnetPrefix: 20,
      vpcCidr: '172.20.0.0/16',
    });
    expect(
      resourcesOfType(json, 'aws_subnet').map(s => [
        s.cidr_block,
        s.availability_zone_id,
      ]),
    ).toEqual([
      ['172.20.0.0/20', 'use1-az6'],
      ['172.20.16.0/20', 'use1-az4'],
    ]);
  });

  it('rejects bad props with a message naming the prop', () => {
    expect(() => synth({ vpcCidr: '10.0.0.1/16' })).toThrow(
      /prop 'vpcCidr'.*host bits/,
    );
    expect(() => synth({ subnetPrefix: 16 })).toThrow(/prop 'subnetPrefix'/);
    expect(() => synth({ azIds: ['use1-az2', 'use1-az2'] })).toThrow(
      /prop 'azIds'/,
    );
    expect(() => synth({ region: 'xx-nowhere-1' })).toThrow(
      /no WorkSpaces Availability Zone table/,
    );
  });
});
