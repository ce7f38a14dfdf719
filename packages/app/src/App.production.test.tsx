import { render, screen } from '@testing-library/react';
import App from './App';
import { RENDER_TIMEOUT_MS, setAppConfig } from './__testUtils__/appConfig';

// Its own file: the app reads APP_CONFIG once per module registry.
describe('App in production', () => {
  it(
    'offers GitHub only when app.signInProviders says so (app-config.production.yaml)',
    async () => {
      setAppConfig({ signInProviders: ['github'] });

      render(App.createRoot());

      expect(
        await screen.findByText('GitHub', {}, { timeout: 10000 }),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/Sign in with your GitHub account/),
      ).toBeInTheDocument();
      expect(screen.queryByText('Guest')).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Enter' }),
      ).not.toBeInTheDocument();
    },
    RENDER_TIMEOUT_MS,
  );
});
