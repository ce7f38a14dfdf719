/*
 * The sign-in page offers the providers in `app.signInProviders` (see
 * config.d.ts): guest in the development config, GitHub in production. It
 * replaces the app's default sign-in page, which always offers guest only, so
 * that a production portal shows no guest button at all (the backend does not
 * load the guest provider there either).
 */
import {
  configApiRef,
  createFrontendModule,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import type { ComponentProps } from 'react';

const GITHUB = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message:
    'Sign in with your GitHub account (it must match a User in the catalog)',
  apiRef: githubAuthApiRef,
};

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return function ConfiguredSignInPage(
        props: Omit<ComponentProps<typeof SignInPage>, 'providers'>,
      ) {
        const config = useApi(configApiRef);
        const wanted = config.getOptionalStringArray('app.signInProviders') ?? [
          'guest',
        ];
        const providers = wanted.map(p => (p === 'github' ? GITHUB : 'guest'));
        return <SignInPage {...(props as any)} providers={providers as any} />;
      };
    },
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
