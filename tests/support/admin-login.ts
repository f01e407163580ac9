/** The admin user the test apps and the benchmark seed (no vitest import, so the bench can use it). */
export const ADMIN_EMAIL = "admin@maemok.test"
export const ADMIN_PASSWORD = "test-admin-password-1234"
