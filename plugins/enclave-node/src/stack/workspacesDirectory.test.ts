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
    vpcCidr: '10.9.0.0/16',
    directoryId: 'd-123',
    subnetIds: ['subnet-a', 'subnet-b'],
    clientCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    gatewayPrefixListIds: ['pl-s3'],
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

  it('turns client CIDRs into IP group rules and keeps the SG egress-only inside the VPC', () => {
    expect(
      onlyResource(json, 'aws_workspaces_ip_group').rules.map(
        (r: any) => r.source,
      ),
    ).toEqual(props.clientCidrs);
    expect(
      resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'),
    ).toHaveLength(0);
    expect(
      resourcesOfType(json, 'aws_vpc_security_group_egress_rule')
        .map(r => r.cidr_ipv4 ?? r.prefix_list_id)
        .sort(),
    ).toEqual(['10.9.0.0/16', 'pl-s3']);
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
