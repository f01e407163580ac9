/** The admin user the test apps and the benchmark seed (no vitest import, so the bench can use it). */
export const ADMIN_EMAIL = "admin@maemok.test"
export const ADMIN_PASSWORD = "test-admin-password-1234"

/** Logs a Chromium page into Medusa's admin as the test admin, through the dashboard's own login form. */
export async function logIntoAdmin(page: import("playwright-core").Page, medusaUrl: string): Promise<void> {
  await page.goto(`${medusaUrl}/app/login`)
  await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"))
}
