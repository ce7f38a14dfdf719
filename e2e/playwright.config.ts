import { defineConfig } from '@playwright/test';
import path from 'path';

const outputDir = path.resolve(__dirname, '../test-output/e2e');

/**
 * Browser tests against the portal started as in the README (plan mode).
 * Uses Debian's Chromium: Playwright's own browser download is not possible here.
 */
export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.e2e.ts',
  timeout: 300_000,
  expect: { timeout: 60_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(outputDir, 'results.json') }],
  ],
  outputDir: path.join(outputDir, 'artifacts'),
  use: {
    baseURL: process.env.ENCLAVE_E2E_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
