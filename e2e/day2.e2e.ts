import { expect, Locator, Page, test } from '@playwright/test';
import fs from 'fs';
import path from 'path';
import { signIn } from './lib/signIn';

/*
 * Day-2 from the card, in plan mode, in a real browser: request an
 * environment, then from its Enclave card add a person, remove them, and
 * decommission it. After each task the card (WorkSpaces table, state) and the
 * catalog (the entity's description, which the entity provider re-emits from
 * the registry) show the result. Screenshots of the card at 1400 and 1024 px
 * are the README's.
 */

const shots = path.resolve(__dirname, '../test-output/e2e');
const docs = path.resolve(__dirname, '../docs');
const environmentName = `d2-${Date.now().toString(36)}`;

async function pick(page: Page, label: string, text: string, option: string) {
  // The picker's combobox, not the "What to do" select whose value
  // ("Add these people") also matches the label text.
  const input = page
    .getByRole('textbox', { name: new RegExp(`^${label}`) })
    .first();
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

function card(page: Page): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByTestId('enclave-state') })
    .first();
}

/** Reloads the entity page until `check` passes (the provider publishes asynchronously). */
async function untilOnEntityPage(
  page: Page,
  url: string,
  check: () => Promise<void>,
) {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 180_000 });
}

/** Runs the template that is open (already pre-filled) to its end. */
async function review(page: Page) {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
}

async function shoot(name: string, target: Locator) {
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, name);
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: file });
  fs.mkdirSync(docs, { recursive: true });
  fs.copyFileSync(file, path.join(docs, name));
}

test('from the card: add a person, remove them, decommission', async ({
  page,
}) => {
  test.setTimeout(25 * 60_000);
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(error.message));

  await signIn(page);

  // Request the environment (plan mode: synth, guardrails, terraform plan).
  await expect(async () => {
    await page.goto('/create/templates/default/data-science-environment');
    await expect(
      page.getByText('Secure data science environment').first(),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  await page.getByLabel('Name', { exact: false }).first().fill(environmentName);
  await pick(page, 'Owner team', 'data', 'Data Science');
  await page.getByRole('button', { name: /AWS region/ }).click();
  await page.getByRole('option', { name: /^eu-west-1/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await pick(page, 'People who get a desktop', 'ada', 'Ada Lovelace');
  await pick(page, 'People who get a desktop', 'alan', 'Alan Turing');
  await page.keyboard.press('Escape');
  await page
    .getByRole('textbox', { name: /CIDR/ })
    .first()
    .fill('203.0.113.0/24');
  await page.getByRole('button', { name: 'Next' }).click();
  await review(page);
  const open = page.getByRole('link', { name: 'Open the environment' });
  await expect(open).toBeVisible({ timeout: 8 * 60_000 });
  await open.click();
  const entityUrl = page.url();

  await untilOnEntityPage(page, entityUrl, async () => {
    await expect(page.getByTestId('enclave-state')).toHaveText('Planned', {
      timeout: 10_000,
    });
  });
  await expect(page.getByText('2 WorkSpaces desktops').first()).toBeVisible();
  // The About card follows the registry (the provider re-emits on every
  // change) and offers no "View Source" for an entity that has no source.
  await expect(page.getByText(/State: planned/).first()).toBeVisible();
  await expect(page.getByText('View Source', { exact: true })).toHaveCount(0);
  // eu-west-1 figures not yet read are marked as us-east-1 fallbacks.
  await expect(
    card(page).getByTestId('enclave-cost-fallback').first(),
  ).toBeVisible();

  // The controls, at both widths the README shows.
  const controls = card(page).getByTestId('enclave-controls');
  await expect(controls).toBeVisible();
  for (const width of [1400, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    await shoot(`enclave-card-${width}.png`, card(page));
  }
  await page.setViewportSize({ width: 1400, height: 1000 });

  // 1. Add Grace Hopper from the card: the template opens with the
  // environment picked and "add" chosen.
  await controls.getByRole('button', { name: 'Add people' }).click();
  await expect(page.getByText('Add these people').first()).toBeVisible();
  await pick(page, 'People', 'grace', 'Grace Hopper');
  await page.keyboard.press('Escape');
  await review(page);
  await expect(open).toBeVisible({ timeout: 8 * 60_000 });
  await untilOnEntityPage(page, entityUrl, async () => {
    await expect(
      card(page).getByRole('link', { name: 'Grace Hopper' }),
    ).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('3 WorkSpaces desktops').first()).toBeVisible({
      timeout: 5_000,
    });
  });

  // 2. Remove her again.
  await card(page)
    .getByTestId('enclave-controls')
    .getByRole('button', { name: 'Remove people' })
    .click();
  await expect(page.getByText('Remove these people').first()).toBeVisible();
  await pick(page, 'People', 'grace', 'Grace Hopper');
  await page.keyboard.press('Escape');
  await review(page);
  await expect(open).toBeVisible({ timeout: 8 * 60_000 });
  await untilOnEntityPage(page, entityUrl, async () => {
    await expect(page.getByText('2 WorkSpaces desktops').first()).toBeVisible({
      timeout: 10_000,
    });
    await expect(
      card(page).getByRole('link', { name: 'Grace Hopper' }),
    ).toHaveCount(0);
  });

  // 3. Decommission: the typed-name confirmation stays in the template.
  await card(page)
    .getByTestId('enclave-controls')
    .getByRole('button', { name: 'Decommission' })
    .click();
  await page
    .getByLabel("Type the environment's name to confirm", { exact: false })
    .first()
    .fill(environmentName);
  await review(page);
  await expect(page.getByText(/State:\s*\w+/).first()).toBeVisible({
    timeout: 8 * 60_000,
  });
  // The catalog no longer lists it, or its card says it is destroyed.
  await expect(async () => {
    await page.goto(entityUrl);
    const gone = page.getByText(/not found|destroyed/i).first();
    await expect(gone).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  expect(errors).toEqual([]);
});
