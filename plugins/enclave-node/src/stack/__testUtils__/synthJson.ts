/* Test helpers: synthesize constructs and look at the Terraform JSON. */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentSpecInput } from '@data-enclave/plugin-enclave-common';

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, unknown>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  variable?: Record<string, { sensitive?: boolean; default?: unknown }>;
  provider?: Record<string, Array<Record<string, any>>>;
  terraform?: Record<string, any>;
}

/** Synthesizes whatever `build` adds to a bare test stack and parses it. */
export function synthConstruct(
  build: (scope: Construct) => void,
): TerraformJson {
  return JSON.parse(Testing.synthScope(build)) as TerraformJson;
}

/** All resources of one type (the metadata key `//` removed). */
export function resourcesOfType(
  json: TerraformJson,
  type: string,
): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {}).map(
    ({ '//': _meta, ...rest }) => rest,
  );
}

/** The single resource of a type; fails if there are 0 or several. */
export function onlyResource(
  json: TerraformJson,
  type: string,
): Record<string, any> {
  const all = resourcesOfType(json, type);
  if (all.length !== 1)
    throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Parses an IAM policy string as synthesized (tokens stay as `${...}` text). */
export function parsePolicy(policy: string): {
  Statement: Array<Record<string, any>>;
} {
  return JSON.parse(policy);
}

/** A valid minimal spec input used across tests. */
export const BASE_SPEC: EnvironmentSpecInput = {
  name: 'analytics',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  clientCidrs: ['203.0.113.0/24'],
  users: [
    {
      username: 'ada.lovelace',
      email: 'ada@example.com',
      entityRef: 'user:default/ada.lovelace',
    },
    {
      username: 'alan.turing',
      email: 'alan@example.com',
      entityRef: 'user:default/alan.turing',
    },
  ],
};
