import { configDefaults, defineConfig } from "vitest/config"

// One config for `npm test`. Unit tests need nothing; integration and e2e tests share one
// PostgreSQL (embedded unless DATABASE_URL is set) and a migrated template database that
// the global setup prepares once. Files run one at a time: each boots its own Medusa app,
// and the machine has two cores.
export default defineConfig({
  test: {
    fileParallelism: false,
    pool: "forks",
    reporters: process.env.CI ? ["verbose"] : ["default"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["traceability/src/**/*.test.ts", "storefront/app/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "traceability/src/module/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          // The traceability module's service on its own database (moduleIntegrationTestRunner), then the app.
          include: ["traceability/src/module/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
})
