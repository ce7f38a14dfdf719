import { renderInTestApp } from '@backstage/frontend-test-utils';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RegionPicker } from './RegionPicker';

function fieldProps(overrides: Record<string, unknown> = {}) {
  return {
    formData: undefined,
    onChange: jest.fn(),
    required: true,
    rawErrors: [],
    schema: { title: 'AWS region', type: 'string' },
    uiSchema: { 'ui:help': 'Only approved regions.' },
    idSchema: { $id: 'root_region' },
    ...overrides,
  } as any;
}

describe('RegionPicker', () => {
  // The MUI autocomplete's first render takes over 5 s on a loaded 2-core CI machine.
  jest.setTimeout(30_000);
  it('offers exactly the regions the enclave autocomplete provider returns', async () => {
    const autocomplete = jest.fn(async () => ({
      results: [
        { id: 'eu-west-1', title: 'eu-west-1 (Europe, Ireland)' },
        { id: 'us-east-1', title: 'us-east-1 (US East, N. Virginia)' },
      ],
    }));
    const props = fieldProps();
    await renderInTestApp(<RegionPicker {...props} />, {
      apis: [[scaffolderApiRef, { autocomplete }]],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /AWS region/ }),
    );
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'eu-west-1 (Europe, Ireland)',
      'us-east-1 (US East, N. Virginia)',
    ]);
    await userEvent.click(options[1]);
    expect(props.onChange).toHaveBeenCalledWith('us-east-1');
    expect(autocomplete).toHaveBeenCalledWith(
      expect.objectContaining({ provider: 'enclave', resource: 'regions' }),
    );
  });

  it('selects the only allowed region by itself', async () => {
    const props = fieldProps();
    await renderInTestApp(<RegionPicker {...props} />, {
      apis: [
        [
          scaffolderApiRef,
          { autocomplete: async () => ({ results: [{ id: 'eu-west-1' }] }) },
        ],
      ],
    });
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith('eu-west-1'),
    );
  });

  it('says what to do when the regions cannot be loaded', async () => {
    await renderInTestApp(<RegionPicker {...fieldProps()} />, {
      apis: [
        [
          scaffolderApiRef,
          {
            autocomplete: async () => {
              throw new Error('Unsupported provider: enclave');
            },
          },
        ],
      ],
    });
    expect(
      await screen.findByText(
        /Could not load the allowed regions \(Unsupported provider: enclave\)/,
      ),
    ).toBeInTheDocument();
  });
});
