import { EnclaveWorkspacesDirectory } from './workspacesDirectory';
import { EnclaveDirectory } from './directory';
import {
  onlyResource,
  resourcesOfType,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveWorkspacesDirectory', () => {
  const props = {
    namePrefix: 'enclave-test',
    vpcId: 'vpc-1',
    directoryId: 'd-123',
    subnetIds: ['subnet-a', 'subnet-b'],
    clientCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    gatewayPrefixListIds: ['pl-s3'],
    endpointSecurityGroupId: 'sg-endpoints',
    directoryControllerSecurityGroupId: 'sg-controllers',
    desktopBundleName: 'enclave-ubuntu-hardened',
  };
  const json = synthConstruct(
    scope => new EnclaveWorkspacesDirectory(scope, 'ws', props),
  );

  it("records the desktops' bundle as a tag for G12", () => {
    const directory = onlyResource(json, 'aws_workspaces_directory');
    expect(directory.tags['enclave:desktop-bundle']).toBe(
      'enclave-ubuntu-hardened',
    );
  });

  it('registers the directory without internet, local admin or non-native clients', () => {
    const directory = onlyResource(json, 'aws_workspaces_directory');
    expect(directory.workspace_creation_properties).toMatchObject({
      enable_internet_access: false,
      user_enabled_as_local_administrator: false,
    });
    expect(
      directory.workspace_creation_properties.custom_security_group_id,
    ).toMatch(/aws_security_group/);
    expect(directory.workspace_access_properties).toEqual({
      device_type_windows: 'ALLOW',
      device_type_osx: 'ALLOW',
      device_type_linux: 'ALLOW',
      device_type_web: 'DENY',
      device_type_ios: 'DENY',
      device_type_android: 'DENY',
      device_type_chromeos: 'DENY',
      device_type_zeroclient: 'DENY',
    });
    expect(directory.self_service_permissions).toEqual({
      restart_workspace: true,
      change_compute_type: false,
      increase_volume_size: false,
      rebuild_workspace: false,
      switch_running_mode: false,
    });
    expect(directory.ip_group_ids).toHaveLength(1);
  });

  it('turns client CIDRs into IP group rules; the SG has no ingress and bounded egress', () => {
    expect(
      onlyResource(json, 'aws_workspaces_ip_group').rules.map(
        (r: any) => r.source,
      ),
    ).toEqual(props.clientCidrs);
    expect(
      resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'),
    ).toHaveLength(0);
    const egress = resourcesOfType(json, 'aws_vpc_security_group_egress_rule');
    const target = (r: any) =>
      r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id;
    // Every target by group or prefix list: no CIDR, so no other address of
    // the directory's subnets (EMR nodes, endpoint ENIs, other desktops).
    expect([...new Set(egress.map(target))].sort()).toEqual([
      'pl-s3',
      'sg-controllers',
      'sg-endpoints',
    ]);
    for (const rule of egress) expect(rule.cidr_ipv4).toBeUndefined();
    // Nothing goes on every protocol.
    for (const rule of egress) expect(rule.ip_protocol).not.toBe('-1');
    for (const rule of egress.filter(
      r =>
        r.prefix_list_id || r.referenced_security_group_id === 'sg-endpoints',
    )) {
      expect([rule.ip_protocol, rule.from_port, rule.to_port]).toEqual([
        'tcp',
        443,
        443,
      ]);
    }
    // To the controllers' group: the directory ports, merged (3268-3269 lies in 1024-65535).
    const toControllers = egress
      .filter(r => r.referenced_security_group_id === 'sg-controllers')
      .map(r => `${r.ip_protocol} ${r.from_port}-${r.to_port}`)
      .sort();
    expect(toControllers).toEqual(
      [
        'tcp 53-53',
        'tcp 88-88',
        'tcp 135-135',
        'tcp 389-389',
        'tcp 445-445',
        'tcp 464-464',
        'tcp 636-636',
        'tcp 1024-65535',
        'udp 53-53',
        'udp 88-88',
        'udp 123-123',
        'udp 138-138',
        'udp 389-389',
        'udp 445-445',
        'udp 464-464',
      ].sort(),
    );
  });

  it('refuses 0.0.0.0/0 unless allowed', () => {
    const withAny = { ...props, clientCidrs: ['0.0.0.0/0'] };
    expect(() =>
      synthConstruct(
        scope => new EnclaveWorkspacesDirectory(scope, 'ws', withAny),
      ),
    ).toThrow(/prop 'clientCidrs' has 0.0.0.0\/0/);
    const allowed = synthConstruct(
      scope =>
        new EnclaveWorkspacesDirectory(scope, 'ws', {
          ...withAny,
          allowAnyClientCidr: true,
        }),
    );
    expect(
      onlyResource(allowed, 'aws_workspaces_ip_group').rules[0].source,
    ).toBe('0.0.0.0/0');
  });
});

describe('EnclaveDirectory', () => {
  const json = synthConstruct(
    scope =>
      new EnclaveDirectory(scope, 'directory', {
        namePrefix: 'enclave-test',
        domainName: 'analytics.enclave.internal',
        shortName: 'ANALYTICS',
        vpcId: 'vpc-1',
        subnetIds: ['subnet-a', 'subnet-b'],
        kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
      }),
  );

  it('creates a Standard Managed AD whose password comes from a sensitive variable', () => {
    expect(json.variable).toEqual({
      directory_admin_password: expect.objectContaining({
        sensitive: true,
        type: 'string',
        nullable: false,
      }),
    });
    expect(json.variable!.directory_admin_password.default).toBeUndefined();
    expect(onlyResource(json, 'aws_directory_service_directory')).toMatchObject(
      {
        type: 'MicrosoftAD',
        edition: 'Standard',
        name: 'analytics.enclave.internal',
        short_name: 'ANALYTICS',
        password: '${var.directory_admin_password}',
        vpc_settings: { vpc_id: 'vpc-1', subnet_ids: ['subnet-a', 'subnet-b'] },
      },
    );
  });

  it('stores the password in a Secrets Manager secret encrypted with the key', () => {
    expect(onlyResource(json, 'aws_secretsmanager_secret').kms_key_id).toBe(
      'arn:aws:kms:us-east-1:123456789012:key/k',
    );
    expect(
      onlyResource(json, 'aws_secretsmanager_secret_version').secret_string,
    ).toContain('var.directory_admin_password');
  });
});
