import fc from 'fast-check';
import {
  createEnvironmentSpecSchema,
  EnvironmentSpecError,
  EnvironmentSpecInput,
  parseEnvironmentSpec,
} from './environmentSpec';
import { parseIpv4Cidr, subdivideCidr } from './cidr';
import { deriveVpcCidr, environmentResourcePrefix } from './naming';
import { workspacesAzIdsFor } from './workspacesAvailabilityZones';

const BASE: EnvironmentSpecInput = {
  name: 'analytics',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  clientCidrs: ['203.0.113.0/24'],
};

const issuesOf = (input: unknown, options = {}) => {
  try {
    parseEnvironmentSpec(input, options);
  } catch (error) {
    if (error instanceof EnvironmentSpecError) return error.issues;
    throw error;
  }
  return [];
};

describe('EnvironmentSpec', () => {
  it('fills every default', () => {
    const spec = parseEnvironmentSpec({ ...BASE, $comment: 'ignored' });
    expect(spec).toEqual({
      ...BASE,
      vpcCidr: deriveVpcCidr('analytics'),
      users: [],
      emr: {
        releaseLabel: 'emr-7.14.0',
        instanceType: 'm5.xlarge',
        coreNodeCount: 2,
        applications: ['Spark'],
        idleTimeoutMinutes: 60,
      },
      directory: {
        domainName: 'analytics.enclave.internal',
        shortName: 'ANALYTICS',
      },
      workspaces: {
        bundleName: 'Standard with Ubuntu 22.04',
        computeType: 'PERFORMANCE',
        runningMode: 'AUTO_STOP',
        runningModeAutoStopTimeoutInMinutes: 60,
        protocol: 'WSP',
      },
      stackVersion: '1.0.0',
    });
    expect(spec).not.toHaveProperty('$comment');
    // Parsing the output again is a no-op (callers may pass either form).
    expect(parseEnvironmentSpec(spec)).toEqual(spec);
  });

  it.each([
    [{ name: 'Analytics' }, 'name: must be 3–32 characters'],
    [{ name: 'ab' }, 'name: must be 3–32'],
    [{ team: 'data-science' }, 'team: must be a full group entity ref'],
    [
      { region: 'us-east-2' },
      'region: must be a region with Amazon WorkSpaces support',
    ],
    [{ accountId: '1234' }, 'accountId: must be a 12-digit AWS account id'],
    [{ vpcCidr: '8.8.0.0/16' }, 'vpcCidr: must be inside an RFC 1918 range'],
    [
      { vpcCidr: '10.0.0.0/8' },
      'vpcCidr: must have a prefix between /16 and /24',
    ],
    [
      { vpcCidr: '10.0.0.1/16' },
      "vpcCidr: '10.0.0.1/16' has host bits set; use 10.0.0.0/16",
    ],
    [{ clientCidrs: [] }, 'clientCidrs: must list at least one client CIDR'],
    [
      { clientCidrs: ['0.0.0.0/0'] },
      "clientCidrs.0: '0.0.0.0/0' admits every address: it is refused unless the platform sets dataEnclave.guardrails.allowAnyClientCidr: true",
    ],
    [
      { clientCidrs: ['198.51.100.7/24'] },
      "clientCidrs.0: '198.51.100.7/24' has host bits set; use 198.51.100.0/24",
    ],
    [
      { clientCidrs: ['10.20.0.0/16'] },
      "clientCidrs.0: '10.20.0.0/16' overlaps 10.0.0.0/8, a private range (RFC 1918)",
    ],
    [
      { clientCidrs: ['224.0.0.0/8'] },
      "clientCidrs.0: '224.0.0.0/8' overlaps 224.0.0.0/4, multicast",
    ],
    [
      { clientCidrs: ['96.0.0.0/4'] },
      "clientCidrs.0: '96.0.0.0/4' overlaps 100.64.0.0/10, carrier-grade NAT",
    ],
    [
      { clientCidrs: ['240.1.0.0/16'] },
      "clientCidrs.0: '240.1.0.0/16' overlaps 240.0.0.0/4, a reserved range",
    ],
    [{ clientCidrs: ['300.1.1.0/24'] }, 'clientCidrs.0: '],
    [
      {
        users: [
          { username: 'admin', email: 'a@b.c', entityRef: 'user:default/a' },
        ],
      },
      'users.0.username: must not be a reserved',
    ],
    [
      {
        users: [
          {
            username: 'a'.repeat(21),
            email: 'a@b.c',
            entityRef: 'user:default/a',
          },
        ],
      },
      'users.0.username: must be 1–20',
    ],
    [
      {
        users: [{ username: 'ok', email: 'nope', entityRef: 'user:default/a' }],
      },
      'users.0.email: must be an email address',
    ],
    [
      { emr: { releaseLabel: 'emr-6.15.0' } },
      'emr.releaseLabel: must be an EMR 7 release label',
    ],
    [{ emr: { coreNodeCount: 0 } }, 'emr.coreNodeCount: must be at least 1'],
    [
      { emr: { applications: ['Livy'] } },
      'emr.applications: must include Spark',
    ],
    [
      { workspaces: { runningModeAutoStopTimeoutInMinutes: 90 } },
      'workspaces.runningModeAutoStopTimeoutInMinutes: must be a multiple of 60',
    ],
    [
      { workspaces: { runningMode: 'ALWAYS_ON' } },
      'workspaces.runningMode: must be AUTO_STOP',
    ],
    [
      { workspaces: { computeType: 'HUGE' } },
      'workspaces.computeType: must be one of VALUE',
    ],
    [{ extra: true }, "(spec): Unrecognized key(s) in object: 'extra'"],
  ])('rejects %j naming the field', (override, message) => {
    expect(issuesOf({ ...BASE, ...override }).join('\n')).toContain(message);
  });

  it('refuses PCOIP on Linux bundles, naming the field and the fix', () => {
    for (const bundleName of [
      'Standard with Ubuntu 22.04',
      'Performance with Rocky Linux 8',
      'Standard with Red Hat Enterprise Linux 8',
      'Standard with Amazon Linux 2',
    ]) {
      expect(
        issuesOf({ ...BASE, workspaces: { bundleName, protocol: 'PCOIP' } }),
      ).toEqual([
        expect.stringMatching(
          /^workspaces\.protocol: PCOIP is not available for the Linux bundle .*set workspaces\.protocol to "WSP"/,
        ),
      ]);
    }
    // The default bundle with PCOIP: refused too (it is Ubuntu).
    expect(
      issuesOf({ ...BASE, workspaces: { protocol: 'PCOIP' } }),
    ).toHaveLength(1);
    expect(
      parseEnvironmentSpec({
        ...BASE,
        workspaces: {
          bundleName: 'Standard with Windows 10 (Server 2022 based)',
          protocol: 'PCOIP',
        },
      }).workspaces.protocol,
    ).toBe('PCOIP');
    expect(issuesOf({ ...BASE, workspaces: { protocol: 'RDP' } })).toEqual([
      'workspaces.protocol: must be one of WSP, PCOIP',
    ]);
  });

  it('rejects duplicate usernames case-insensitively', () => {
    const user = (username: string) => ({
      username,
      email: `${username}@x.io`,
      entityRef: `user:default/${username}`,
    });
    expect(issuesOf({ ...BASE, users: [user('ada'), user('ADA')] })).toEqual([
      "users.1.username: duplicates another user's username 'ADA' (AD names are case-insensitive)",
    ]);
  });

  it('allows 0.0.0.0/0 only with allowAnyClientCidr', () => {
    const input = { ...BASE, clientCidrs: ['0.0.0.0/0'] };
    expect(
      createEnvironmentSpecSchema({ allowAnyClientCidr: true }).safeParse(input)
        .success,
    ).toBe(true);
  });

  it('accepts public ranges and the RFC 5737 documentation blocks as clients', () => {
    for (const clientCidrs of [
      ['8.8.8.0/24'],
      ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
      ['52.94.76.10/32'],
    ]) {
      expect(issuesOf({ ...BASE, clientCidrs })).toEqual([]);
    }
  });

  it('accepts any valid slug and derives a valid /16 inside 10.0.0.0/8, deterministically', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/), name => {
        const spec = parseEnvironmentSpec({ ...BASE, name });
        expect(spec.vpcCidr).toBe(deriveVpcCidr(name));
        const parsed = parseIpv4Cidr(spec.vpcCidr);
        expect(
          parsed.ok &&
            parsed.cidr.prefix === 16 &&
            parsed.cidr.network >>> 24 === 10,
        ).toBe(true);
        expect(spec.directory.shortName.length).toBeLessThanOrEqual(15);
        expect(environmentResourcePrefix(spec).length).toBeLessThanOrEqual(49);
      }),
    );
  });
});

describe('CIDR and AZ helpers', () => {
  it('subdivides blocks', () => {
    expect(subdivideCidr('10.1.0.0/16', 18, 1)).toBe('10.1.64.0/18');
    expect(subdivideCidr('192.168.16.0/20', 22, 3)).toBe('192.168.28.0/22');
    expect(() => subdivideCidr('10.1.0.0/16', 18, 4)).toThrow(/it has 4/);
  });

  it('gives two distinct WorkSpaces AZ ids per region', () => {
    expect(workspacesAzIdsFor('us-east-1')).toEqual(['use1-az2', 'use1-az4']);
    expect(() => workspacesAzIdsFor('us-east-2')).toThrow(
      /no WorkSpaces Availability Zone table/,
    );
  });
});
