import { expect, Page } from '@playwright/test';

/** Guest sign-in; retried because a dev backend that is restarting refuses it. */
export async function signIn(page: Page) {
  await expect(async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Create' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
}
