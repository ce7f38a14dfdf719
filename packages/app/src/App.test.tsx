import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Data Enclave' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // No one is signed in, so the app's default sign-in page (guest provider)
    // is what a visitor sees first: the app title, the guest card and its button.
    expect(
      await screen.findByText('Guest', {}, { timeout: 10000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Enter as a Guest User\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Data Enclave' }),
    ).toBeInTheDocument();
  });
});
