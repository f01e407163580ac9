import { migrate, seed } from "../backend/launcher/medusa"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../tests/support/admin-login"

/**
 * The environment of the bench's servers on `dbUrl` (production builds, development app settings, the test
 * admin), with `extra` (ports, URLs) added; the database is migrated and seeded with it first.
 */
export async function seededBenchEnv(dbUrl: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    APP_ENV: "development",
    DATABASE_URL: dbUrl,
    MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL,
    MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: "warn",
    ...extra,
  }
  await migrate(env)
  await seed(env)
  return env
}
