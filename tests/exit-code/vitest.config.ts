import { defineConfig } from "vitest/config"
import config from "../vitest.config"

// npm test's own configuration, reduced to its integration project (the one with the global setup: build check,
// embedded PostgreSQL, template database) running only the deliberately failing file.
const integration = config.test?.projects
  ?.flatMap((project) => (typeof project === "object" && "test" in project && project.test?.name === "integration" ? [project] : []))
  .at(0)
if (!integration) throw new Error("tests/vitest.config.ts has no integration project")

export default defineConfig({
  test: {
    ...config.test,
    projects: [{ ...integration, test: { ...integration.test, include: ["tests/exit-code/failing.ts"] } }],
  },
})
