import { test, expect } from '@playwright/test';
import path from 'path';

const shots = path.resolve(__dirname, '../test-output/e2e');

test('guest signs in and finds the Secure data science environment template', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Create' }),
  ).toBeVisible();

  await page.goto('/create');
  await expect(
    page.getByText('Secure data science environment').first(),
  ).toBeVisible();
  await page.screenshot({
    path: path.join(shots, 'create-page.png'),
    fullPage: true,
  });
});
