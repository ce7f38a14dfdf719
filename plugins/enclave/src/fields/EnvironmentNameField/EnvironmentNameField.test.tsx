import { environmentNameConflict } from '@data-enclave/plugin-enclave-common';
import { enclaveApiRef } from '../../api/enclaveApiRef';
import { environmentNameValidation } from './EnvironmentNameField';

async function errorsFor(
  name: string,
  findEnvironment: (team: string, n: string) => Promise<unknown>,
) {
  const errors: string[] = [];
  await environmentNameValidation(
    name,
    { addError: (message: string) => errors.push(message) } as any,
    {
      apiHolder: {
        get: <T,>(ref: { id: string }) =>
          (ref.id === enclaveApiRef.id ? { findEnvironment } : undefined) as
            | T
            | undefined,
      },
      formData: { owner: 'group:default/data-science' },
      schema: {},
    },
  );
  return errors;
}

describe('EnclaveEnvironmentName validation', () => {
  it("refuses a name the team already uses, with the provision action's message", async () => {
    const find = jest.fn(async () => ({ state: 'ready' }));
    const errors = await errorsFor('churn-study', find);
    expect(find).toHaveBeenCalledWith(
      'group:default/data-science',
      'churn-study',
    );
    expect(errors).toEqual([
      'environment data-science/churn-study already exists (state ready); pick another name or destroy it first',
    ]);
    expect(errors[0]).toBe(
      environmentNameConflict('group:default/data-science', 'churn-study', {
        state: 'ready',
      }),
    );
  });

  it('lets a free name, a planned or failed one (re-provisioned), and an unreachable registry pass', async () => {
    expect(await errorsFor('fresh', async () => undefined)).toEqual([]);
    expect(
      await errorsFor('again', async () => ({ state: 'planned' })),
    ).toEqual([]);
    expect(await errorsFor('retry', async () => ({ state: 'failed' }))).toEqual(
      [],
    );
    expect(
      await errorsFor('offline', async () => {
        throw new Error('503');
      }),
    ).toEqual([]);
  });
});
