import { expect, Page, test } from '@playwright/test';
import fs from 'fs';
import path from 'path';
import { signIn } from './lib/signIn';

/*
 * Every template the product ships opens in the browser without a page
 * error (the people template crashed on open: rjsf pre-filled `minItems: 1`
 * with an empty entry that MultiEntityPicker cannot render). The list comes
 * from templates/*, so a new template is covered without touching this file.
 * Then: the provisioning form refuses a bad client CIDR in place, with the
 * action's own message, before anything is submitted.
 */

const templatesDir = path.resolve(__dirname, '../templates');
const templates = fs
  .readdirSync(templatesDir)
  .map(dir => path.join(templatesDir, dir, 'template.yaml'))
  .filter(file => fs.existsSync(file))
  .map(file => {
    const text = fs.readFileSync(file, 'utf8');
    const name = /^metadata:\s*\n\s+name:\s*(\S+)/m.exec(text)?.[1];
    const title = /^\s+title:\s*(.+)$/m.exec(text)?.[1];
    if (!name || !title) throw new Error(`no metadata.name/title in ${file}`);
    return { name, title: title.trim() };
  });

/** Collects uncaught page errors (what shows "Something Went Wrong"). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(error.message));
  return errors;
}

/** Opens a template page, waiting out the catalog's first ingestion. */
async function openTemplate(page: Page, url: string, title: string) {
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByText(title).first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 180_000 });
}

test.describe('every shipped template', () => {
  expect(templates.length).toBeGreaterThanOrEqual(4);

  for (const template of templates) {
    test(`${template.name} opens without a page error`, async ({ page }) => {
      const errors = watchErrors(page);
      await signIn(page);
      await openTemplate(
        page,
        `/create/templates/default/${template.name}`,
        template.title,
      );
      // The first step's form rendered (a Next or Review button exists).
      await expect(
        page.getByRole('button', { name: /^(Next|Review)$/ }),
      ).toBeVisible();
      await expect(page.getByText('Something Went Wrong')).toHaveCount(0);
      expect(errors).toEqual([]);
    });
  }

  test('the people template opens pre-filled from the card without a page error', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await signIn(page);
    const formData = encodeURIComponent(
      JSON.stringify({
        environment: 'resource:default/data-science-not-there',
        operation: 'remove',
      }),
    );
    await openTemplate(
      page,
      `/create/templates/default/data-science-environment-users?formData=${formData}`,
      'Add or remove people',
    );
    await expect(page.getByText('Remove these people').first()).toBeVisible();
    await expect(page.getByText('Something Went Wrong')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test('the provisioning form refuses a bad client CIDR in place, with the action’s message', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await signIn(page);
  await openTemplate(
    page,
    '/create/templates/default/data-science-environment',
    'Secure data science environment',
  );
  await page
    .getByLabel('Name', { exact: false })
    .first()
    .fill(`cidr-${Date.now().toString(36)}`);
  const owner = page.getByLabel('Owner team', { exact: false }).first();
  await owner.click();
  await owner.fill('data');
  await page.getByRole('option', { name: 'Data Science' }).first().click();
  await page.getByRole('button', { name: /AWS region/ }).click();
  await page.getByRole('option', { name: /^eu-west-1/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  const cidr = page.getByRole('textbox', { name: /CIDR/ }).first();
  const cases: [string, RegExp][] = [
    ['198.51.100.7/24', /has host bits set; use 198\.51\.100\.0\/24/],
    ['10.20.0.0/16', /overlaps 10\.0\.0\.0\/8, a private range/],
    ['0.0.0.0/0', /admits every address.*allowAnyClientCidr/],
  ];
  for (const [value, message] of cases) {
    await cidr.fill(value);
    await cidr.blur();
    // In place, as soon as the person leaves the field.
    await expect(page.getByText(message).first()).toBeVisible();
    // And the step does not advance: the Compute step never appears.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(message).first()).toBeVisible();
    await expect(page.getByText('EMR instance type')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
