import { defineConfig } from "vitest/config"

// `npm run test:scale`: the split server + worker deployment against Redis. Kept out of `npm test`,
// which must pass on a machine without Redis; .ci/run runs both.
export default defineConfig({
  test: {
    fileParallelism: false,
    pool: "forks",
    reporters: process.env.CI ? ["verbose"] : ["default"],
    include: ["tests/scale/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
})
