import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ENCLAVE_ANNOTATIONS,
  EnvironmentLiveStatus,
  EnvironmentRecord,
  GuardrailReportJson,
  OperationRecord,
} from '@data-enclave/plugin-enclave-common';
import type { EnclaveApi } from '../api';

export const ADA = 'user:default/ada.lovelace';
export const ALAN = 'user:default/alan.turing';

export function guardrailReport(failing: string[] = []): GuardrailReportJson {
  const rules = [
    ['G1', 'No internet path'],
    ['G2', 'Security groups stay inside the VPC'],
    ['G3', 'Endpoint policies'],
    ['G4', 'Data bucket'],
    ['G5', 'DNS firewall'],
  ].map(([id, title]) => ({
    id,
    title,
    rationale: `${title} keeps data inside the enclave.`,
    passed: !failing.includes(id),
    relaxations: [],
    findings: failing.includes(id)
      ? [
          {
            address: 'aws_internet_gateway.igw',
            message: 'an internet gateway gives the VPC a path out',
            fix: 'remove the internet gateway',
          },
        ]
      : [],
  }));
  return { passed: failing.length === 0, source: 'plan', rules };
}

export function environment(
  overrides: Partial<EnvironmentRecord> = {},
): EnvironmentRecord {
  return {
    id: 'env-1',
    name: 'churn-study',
    team: 'group:default/data-science',
    region: 'eu-west-1',
    accountId: '123456789012',
    state: 'ready',
    stackVersion: '1.0.0',
    spec: {
      emr: { instanceType: 'm5.xlarge', coreNodeCount: 2 },
      workspaces: { computeType: 'PERFORMANCE', runningMode: 'AUTO_STOP' },
      directory: { domainName: 'churn-study.enclave.internal' },
    },
    outputs: {
      vpcId: 'vpc-0abc',
      subnetIds: ['subnet-1', 'subnet-2'],
      directoryId: 'd-1234567890',
      registrationCode: 'WSpdx+ABCDEF',
      emrClusterId: 'j-2AXXXXXXGAPLF',
      emrPrimaryDns: 'ip-10-1-0-10.eu-west-1.compute.internal',
      dataBucketName: 'churn-study-data',
    },
    members: [
      { entityRef: ADA, username: 'ada.lovelace', state: 'AVAILABLE' },
      { entityRef: ALAN, username: 'alan.turing', state: 'AVAILABLE' },
    ],
    guardrails: guardrailReport(),
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-09-01T10:30:00.000Z',
    ...overrides,
  };
}

export function plannedEnvironment(): EnvironmentRecord {
  return environment({
    state: 'planned',
    stateReason:
      // The sentence enclave-node's PLAN_MODE_REASON records in the registry.
      'Plan mode: nothing was applied because dataEnclave.mode is "plan" (the default when no AWS account is configured). ' +
      'To provision, set dataEnclave.mode: apply, add the account under dataEnclave.accounts and AWS credentials under aws:, then run the template again.',
    planSummary: { add: 58, change: 0, destroy: 0 },
    outputs: {},
    members: [
      { entityRef: ADA, username: 'ada.lovelace' },
      { entityRef: ALAN, username: 'alan.turing' },
    ],
  });
}

export function liveStatus(
  overrides: Partial<EnvironmentLiveStatus> = {},
): EnvironmentLiveStatus {
  return {
    fetchedAt: '2026-09-01T11:00:00.000Z',
    planned: false,
    emr: {
      clusterId: 'j-2AXXXXXXGAPLF',
      state: 'WAITING',
      primaryDns: 'ip-10-1-0-10.eu-west-1.compute.internal',
    },
    directory: { directoryId: 'd-1234567890', stage: 'Active' },
    workspaces: [
      {
        username: 'ada.lovelace',
        workspaceId: 'ws-ada',
        state: 'AVAILABLE',
        computeType: 'PERFORMANCE',
        runningMode: 'AUTO_STOP',
      },
      {
        username: 'alan.turing',
        workspaceId: 'ws-alan',
        state: 'STOPPED',
        computeType: 'PERFORMANCE',
        runningMode: 'AUTO_STOP',
      },
    ],
    ...overrides,
  };
}

export const operations: OperationRecord[] = [
  {
    id: 'op-1',
    environmentId: 'env-1',
    kind: 'provision',
    initiator: ADA,
    startedAt: '2026-09-01T10:00:00.000Z',
    finishedAt: '2026-09-01T10:30:00.000Z',
    result: 'succeeded',
  },
];

export function environmentEntity(registryId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'data-science-churn-study',
      annotations: registryId
        ? { [ENCLAVE_ANNOTATIONS.registryId]: registryId }
        : {},
    },
    spec: {
      type: 'data-science-environment',
      owner: 'group:default/data-science',
    },
  };
}

/** A mock API whose reads return the given environment. */
export function mockEnclaveApi(
  env: EnvironmentRecord | (() => EnvironmentRecord),
  status: EnvironmentLiveStatus = liveStatus(),
): jest.Mocked<EnclaveApi> {
  return {
    listEnvironments: jest.fn(async () => [
      typeof env === 'function' ? env() : env,
    ]),
    getEnvironment: jest.fn(async (_id: string) =>
      typeof env === 'function' ? env() : env,
    ),
    findEnvironment: jest.fn(async (_team: string, _name: string) =>
      typeof env === 'function' ? env() : env,
    ),
    listOperations: jest.fn(async (_id: string) => operations),
    getStatus: jest.fn(async (_id: string) => status),
    revealInitialCredential: jest.fn(async (_id: string, user: string) => ({
      environmentId: 'env-1',
      username: user,
      password: 'Initial-Pa55word!',
      deliveredAt: '2026-09-01T12:00:00.000Z',
    })),
    startSpark: jest.fn(async (_id: string) => ({
      state: 'STARTING',
      clusterId: 'j-1NEWCLUSTER',
      started: true,
    })),
    ...fleetMethodsNotUsedByTheCard(),
  };
}

/** A method the component under test must not call: calling it fails the test. */
export function unusedApiMethod<K extends keyof EnclaveApi>(
  component: string,
  method: K,
): jest.Mocked<EnclaveApi>[K] {
  // A mock that only throws fits any method's signature.
  return jest.fn(async () => {
    throw new Error(`${component} called ${method}`);
  }) as unknown as jest.Mocked<EnclaveApi>[K];
}

/** The card never reads the fleet. */
function fleetMethodsNotUsedByTheCard() {
  return {
    getFleet: unusedApiMethod('the Enclave card', 'getFleet'),
    startFleetPlan: unusedApiMethod('the Enclave card', 'startFleetPlan'),
    startFleetRollout: unusedApiMethod('the Enclave card', 'startFleetRollout'),
    getFleetRun: unusedApiMethod('the Enclave card', 'getFleetRun'),
  };
}

/** A ResponseError as the EnclaveClient throws it for an HTTP status. */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse({
    status,
    statusText: status === 403 ? 'Forbidden' : 'Error',
    ok: false,
    url: 'http://localhost:7007/api/enclave/environments/env-1',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () =>
      JSON.stringify({
        error: { name: 'NotAllowedError', message },
        response: { statusCode: status },
      }),
  } as any);
}
