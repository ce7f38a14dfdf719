import { mockApis } from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { parseEnvironmentSpec } from '@data-enclave/plugin-enclave-common';
import { clientCidrValidation } from './ClientCidrField';

const BASE = {
  name: 'churn-study',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
};

/** The errors the field adds for `cidrs`, under the given platform config. */
async function fieldErrors(cidrs: string[], allowAnyClientCidr = false) {
  const errors: string[] = [];
  const config = mockApis.config({
    data: { dataEnclave: { guardrails: { allowAnyClientCidr } } },
  });
  await clientCidrValidation(
    cidrs,
    { addError: (message: string) => errors.push(message) } as any,
    {
      apiHolder: {
        get: <T,>(ref: { id: string }) =>
          (ref.id === configApiRef.id ? config : undefined) as T | undefined,
      },
      formData: {},
      schema: {},
    },
  );
  return errors;
}

/** What the provision action's schema says about the same CIDRs. */
function actionErrors(cidrs: string[], allowAnyClientCidr = false) {
  try {
    parseEnvironmentSpec(
      { ...BASE, clientCidrs: cidrs },
      { allowAnyClientCidr },
    );
    return [];
  } catch (error: any) {
    return (error.issues as string[]).map(i =>
      i.replace(/^clientCidrs\.\d+: /, ''),
    );
  }
}

describe('EnclaveClientCidr validation', () => {
  it.each([
    ['0.0.0.0/0', /admits every address.*allowAnyClientCidr: true/],
    ['198.51.100.7/24', /has host bits set; use 198\.51\.100\.0\/24/],
    ['10.0.0.0/8', /a private range \(RFC 1918\)/],
    ['192.168.1.0/24', /a private range/],
    ['239.1.1.0/24', /multicast/],
    ['127.0.0.0/8', /loopback/],
    ['240.1.0.0/16', /reserved/],
    ['not-a-cidr', /is not an IPv4 CIDR block/],
  ])("refuses %s with the action's message", async (cidr, message) => {
    const errors = await fieldErrors([cidr]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(errors).toEqual(actionErrors([cidr]));
  });

  it('accepts public ranges, and 0.0.0.0/0 only when the platform allows it', async () => {
    expect(await fieldErrors(['8.8.8.0/24', '203.0.113.0/24'])).toEqual([]);
    expect(await fieldErrors(['0.0.0.0/0'], true)).toEqual([]);
    expect(actionErrors(['0.0.0.0/0'], true)).toEqual([]);
  });

  it('leaves an empty row to the required check', async () => {
    expect(await fieldErrors([''])).toEqual([]);
  });
});
