/*
 * fast-check arbitraries for environment specs, shared by the property suites
 * of every boundary (spec, registry bodies, action input). Valid values are
 * built from the same rules the schema states, so a rejection of a generated
 * valid spec is a real bug, not a generator quirk.
 */
import fc from 'fast-check';
import { clientCidrProblem, formatIpv4Cidr } from '../cidr';
import {
  EMR_APPLICATIONS,
  RESERVED_USERNAMES,
  WORKSPACES_COMPUTE_TYPES,
} from '../environmentSpec';
import { WORKSPACES_REGIONS } from '../workspacesAvailabilityZones';

/*
 * Under CI=true every property suite runs one fixed seed, so a landing run is
 * reproducible; elsewhere each run explores new cases (that is how a region
 * named `valueOf` was found). FC_SEED overrides both, e.g. to replay a failure.
 */
const CI_SEED = 20261125;
if (process.env.FC_SEED) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
} else if (process.env.CI === 'true') {
  fc.configureGlobal({ seed: CI_SEED });
}

/** How many cases each property runs: modest, so the suite stays fast on 2 cores. */
export const PROPERTY_RUNS = 300;

/** Counts the cases a property generated and prints them once, as the suite reports. */
export function caseCounter(boundary: string) {
  let cases = 0;
  return {
    count<T>(value: T): T {
      cases++;
      return value;
    },
    get cases() {
      return cases;
    },
    report() {
      // eslint-disable-next-line no-console
      console.log(`[property] ${boundary}: ${cases} cases`);
    },
  };
}

const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const word = (alphabet: string, min: number, max: number) =>
  fc
    .array(chars(alphabet), { minLength: min, maxLength: max })
    .map(a => a.join(''));

export const validName = fc
  .tuple(
    word(lower, 1, 1),
    word(`${lower}${digits}-`, 1, 30),
    word(lower + digits, 1, 1),
  )
  .map(([a, b, c]) => `${a}${b}${c}`);

export const validTeam = word(`${lower}${digits}-`, 1, 20).map(
  s => `group:default/d${s}`,
);

export const validRegion = fc.constantFrom(...WORKSPACES_REGIONS);

export const validAccountId = word(digits, 12, 12);

/**
 * Any public IPv4 block with its host bits clear and a prefix of 1–32 (never
 * /0): the same `clientCidrProblem` the schema uses filters out private,
 * reserved and multicast space.
 */
export const validClientCidr = fc
  .tuple(
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 1, max: 32 }),
  )
  .map(([ip, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return formatIpv4Cidr({ network: (ip & mask) >>> 0, prefix });
  })
  .filter(cidr => clientCidrProblem(cidr) === undefined);

export const validUsername = fc
  .tuple(
    word(`${lower}${digits}_`, 1, 1),
    word(`${lower}${digits}._-`, 0, 17),
    word(`${lower}${digits}_-`, 1, 1),
  )
  .map(([a, b, c]) => `${a}${b}${c}`)
  .filter(u => !RESERVED_USERNAMES.includes(u));

export const validUsers = fc
  .uniqueArray(validUsername, { maxLength: 4, selector: u => u.toLowerCase() })
  .map(names =>
    names.map(username => ({
      username,
      email: `${username.replace(/[^a-z0-9]/g, 'x')}@example.com`,
      entityRef: `user:default/${username.replace(/^[^a-z0-9]/, 'u')}x`,
    })),
  );

export const validSpecInput = fc.record(
  {
    name: validName,
    team: validTeam,
    region: validRegion,
    accountId: validAccountId,
    clientCidrs: fc.uniqueArray(validClientCidr, {
      minLength: 1,
      maxLength: 10,
    }),
    users: validUsers,
    emr: fc.record(
      {
        coreNodeCount: fc.integer({ min: 1, max: 20 }),
        idleTimeoutMinutes: fc.integer({ min: 5, max: 10080 }),
        applications: fc
          .subarray([...EMR_APPLICATIONS])
          .map(apps => ['Spark', ...apps.filter(a => a !== 'Spark')]),
      },
      { requiredKeys: [] },
    ),
    workspaces: fc.record(
      {
        computeType: fc.constantFrom(...WORKSPACES_COMPUTE_TYPES),
        runningModeAutoStopTimeoutInMinutes: fc
          .integer({ min: 1, max: 48 })
          .map(h => h * 60),
      },
      { requiredKeys: [] },
    ),
    stackVersion: fc
      .tuple(fc.nat(99), fc.nat(99), fc.nat(99))
      .map(v => v.join('.')),
  },
  { requiredKeys: ['name', 'team', 'region', 'accountId', 'clientCidrs'] },
);

/**
 * One field set to a value the schema must refuse, with the path the error
 * has to name. Each case is invalid by construction (not by the schema's say-so).
 */
export const invalidChange: fc.Arbitrary<{
  path: string;
  change: Record<string, unknown>;
}> = fc.oneof(
  fc
    .oneof(
      fc.string().filter(s => !/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(s)),
      validName.map(n => n.toUpperCase()).filter(n => /[A-Z]/.test(n)),
      validName.map(n => `${n};rm -rf /`),
      fc.integer(),
    )
    .map(name => ({ path: 'name', change: { name } })),
  fc
    .oneof(
      fc.string().filter(s => !s.startsWith('group:')),
      validTeam.map(t => t.replace('group:', 'user:')),
    )
    .map(team => ({ path: 'team', change: { team } })),
  fc
    .string()
    .filter(r => !(WORKSPACES_REGIONS as readonly string[]).includes(r))
    .map(region => ({ path: 'region', change: { region } })),
  fc
    .oneof(
      word(digits, 0, 11),
      word(digits, 13, 16),
      fc
        .string({ minLength: 12, maxLength: 12 })
        .filter(s => !/^\d{12}$/.test(s)),
    )
    .map(accountId => ({ path: 'accountId', change: { accountId } })),
  fc
    .oneof(
      fc.constant([]),
      fc.constant(['0.0.0.0/0']),
      validClientCidr.map(c => [c, c]),
      fc.uniqueArray(validClientCidr, { minLength: 11, maxLength: 12 }),
      fc
        .string()
        .filter(s => !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s.trim()))
        .map(s => [s]),
      fc
        .tuple(
          fc.integer({ min: 1, max: 24 }),
          fc.integer({ min: 1, max: 255 }),
        )
        .map(([p, host]) => [`10.0.0.${host}/${p}`]),
    )
    .map(clientCidrs => ({ path: 'clientCidrs', change: { clientCidrs } })),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 21, max: 1000 }),
      fc
        .double({ min: 1.01, max: 19.99, noNaN: true })
        .filter(n => !Number.isInteger(n)),
    )
    .map(coreNodeCount => ({
      path: 'emr',
      change: { emr: { coreNodeCount } },
    })),
  fc
    .integer({ min: -1000, max: 5000 })
    .filter(m => m < 60 || m > 2880 || m % 60 !== 0)
    .map(m => ({
      path: 'workspaces',
      change: { workspaces: { runningModeAutoStopTimeoutInMinutes: m } },
    })),
  fc.constantFrom(...RESERVED_USERNAMES).map(username => ({
    path: 'users',
    change: {
      users: [
        { username, email: 'x@example.com', entityRef: 'user:default/x' },
      ],
    },
  })),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter(
      k =>
        ![
          '$comment',
          'name',
          'team',
          'region',
          'accountId',
          'vpcCidr',
          'clientCidrs',
          'users',
          'emr',
          'directory',
          'workspaces',
          'stackVersion',
          '__proto__',
          'constructor',
        ].includes(k),
    )
    .map(k => ({ path: '(spec)', change: { [k]: 1 } })),
);
