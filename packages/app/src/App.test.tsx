import { render, screen } from '@testing-library/react';
import App from './App';
import { RENDER_TIMEOUT_MS, setAppConfig } from './__testUtils__/appConfig';

describe('App', () => {
  it(
    'renders the sign-in page with the guest provider',
    async () => {
      setAppConfig();

      render(App.createRoot());

      // No one is signed in and app.signInProviders is unset, so the sign-in
      // module (modules/signIn) offers guest, as the development config does:
      // the app title, the guest card and its button.
      expect(
        await screen.findByText('Guest', {}, { timeout: 10000 }),
      ).toBeInTheDocument();
      expect(screen.getByText(/Enter as a Guest User\./)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
      expect(
        screen.getByRole('heading', { name: 'Data Enclave' }),
      ).toBeInTheDocument();
    },
    RENDER_TIMEOUT_MS,
  );
});
