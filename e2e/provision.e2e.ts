import { expect, Page, test } from '@playwright/test';
import fs from 'fs';
import path from 'path';

/*
 * The whole requester journey in plan mode, in a real browser: fill the
 * template, watch the task (real synth, guardrails and `terraform plan`)
 * finish, follow the output link and read the Enclave card. The screenshots
 * it takes are the README's.
 */

const shots = path.resolve(__dirname, '../test-output/e2e');
const docs = path.resolve(__dirname, '../docs');

// Unique per run: the registry refuses a second active environment with the same name.
const environmentName = `e2e-${Date.now().toString(36)}`;

/** Types into a catalog entity picker and picks the option shown by display name. */
async function pickFromAutocomplete(
  page: Page,
  label: string,
  text: string,
  option: string,
) {
  const input = page.getByLabel(label, { exact: false }).first();
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function screenshot(page: Page, name: string, target?: Page | any) {
  const file = path.join(shots, name);
  await (target ?? page).screenshot({
    path: file,
    ...(target ? {} : { fullPage: true }),
  });
  fs.mkdirSync(docs, { recursive: true });
  fs.copyFileSync(file, path.join(docs, name));
}

test('a data scientist requests an environment and sees it Planned on its card', async ({
  page,
}) => {
  test.setTimeout(10 * 60_000);
  // Fail fast on a missing control instead of waiting out the whole test.
  page.setDefaultTimeout(30_000);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  // Create → choose the template. The catalog ingests the template a few
  // seconds after the backend starts, so reload until it is listed.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create' })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText('Secure data science environment').first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  await page
    .getByRole('button', { name: /choose/i })
    .or(page.getByRole('link', { name: /choose/i }))
    .first()
    .click();

  // Step 1: Environment.
  await page.getByLabel('Name', { exact: false }).first().fill(environmentName);
  await page
    .getByLabel('Description', { exact: false })
    .first()
    .fill('Churn model on the customer extract (browser test)');
  await pickFromAutocomplete(page, 'Owner team', 'data', 'Data Science');
  await page.getByRole('button', { name: /AWS region/ }).click();
  await page.getByRole('option', { name: /^eu-west-1/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: People, two users from examples/org.yaml, and the client network.
  await pickFromAutocomplete(
    page,
    'People who get a desktop',
    'ada',
    'Ada Lovelace',
  );
  await pickFromAutocomplete(
    page,
    'People who get a desktop',
    'alan',
    'Alan Turing',
  );
  await page.keyboard.press('Escape');
  await page
    .getByRole('textbox', { name: /CIDR/ })
    .first()
    .fill('203.0.113.0/24');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: Compute. Defaults (m5.xlarge, 2 core nodes) plus a live estimate.
  await expect(page.getByTestId('enclave-cost-estimate')).toContainText(
    '3 × m5.xlarge',
  );
  await expect(page.getByTestId('enclave-guarantees')).toContainText(
    'No internet',
  );
  await page.getByRole('button', { name: 'Review' }).click();

  // Review: Backstage's table, including what is enforced and the estimate.
  await expect(page.getByText(environmentName).first()).toBeVisible();
  await expect(
    page.getByText(/per month working, \$[\d,]+ idle \(estimate/).first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        'No internet, DNS firewall, Encrypted storage, IP-restricted desktops',
      )
      .first(),
  ).toBeVisible();
  await screenshot(page, 'review-step.png');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs synth, guardrails, terraform init and plan (1–3 minutes here).
  const openEnvironment = page.getByRole('link', {
    name: 'Open the environment',
  });
  await expect(openEnvironment).toBeVisible({ timeout: 6 * 60_000 });
  await expect(page.getByText(/Plan: \d+ to add/).first()).toBeVisible();
  await openEnvironment.click();

  // The entity page and its Enclave card. The entity provider may publish
  // the new Resource a little after the task ends, so reload until it shows.
  const state = page.getByTestId('enclave-state');
  await expect(async () => {
    await page.reload();
    await expect(state).toHaveText('Planned', { timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  await expect(page.getByTestId('enclave-planned')).toContainText(
    /Plan: [1-9]\d* to add/,
  );
  await expect(page.getByTestId('enclave-planned')).toContainText(
    'dataEnclave.mode: apply',
  );
  await expect(page.getByTestId('enclave-guardrails')).toContainText(
    /Guardrails: all \d+ passing/,
  );
  const enclaveCard = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByTestId('enclave-state') })
    .first();
  // Inside the card: the relations graph elsewhere on the page also names them.
  // The WorkSpaces table links each person by their catalog display name.
  await expect(
    enclaveCard.getByRole('link', { name: 'Ada Lovelace' }),
  ).toBeVisible();
  await expect(
    enclaveCard.getByRole('link', { name: 'Alan Turing' }),
  ).toBeVisible();
  await enclaveCard.scrollIntoViewIfNeeded();
  await screenshot(page, 'enclave-card.png', enclaveCard);
});
