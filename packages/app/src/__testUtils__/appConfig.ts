/**
 * Sets the config the frontend reads at start (`process.env.APP_CONFIG`),
 * with extra `app` keys. The app reads it once per module registry, so a
 * test file renders the app under one config only.
 */
export function setAppConfig(app: Record<string, unknown> = {}) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Data Enclave', ...app },
          backend: { baseUrl: 'http://localhost:7007' },
        },
        context: 'test',
      },
    ] as any,
  };
}

/** Rendering the whole app takes seconds on a loaded 2-core CI machine. */
export const RENDER_TIMEOUT_MS = 30_000;
