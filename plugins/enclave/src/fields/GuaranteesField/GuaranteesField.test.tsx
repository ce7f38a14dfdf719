import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { ENFORCED_SUMMARY, GuaranteesField } from './GuaranteesField';

describe('GuaranteesField', () => {
  it('states what will be enforced and repeats it on the review page', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <GuaranteesField
        {...({
          formData: undefined,
          onChange,
          schema: {},
          uiSchema: {},
        } as any)}
      />,
    );
    for (const title of [
      'No internet',
      'DNS firewall',
      'Encrypted storage',
      'IP-restricted desktops',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(ENFORCED_SUMMARY),
    );
    expect(ENFORCED_SUMMARY).toBe(
      'No internet, DNS firewall, Encrypted storage, IP-restricted desktops',
    );
  });
});
