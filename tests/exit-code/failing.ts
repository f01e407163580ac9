import { expect, inject, it } from "vitest"
import "../support/env"

// Deliberately red: tests/integration/runner-exit-code.test.ts runs this file through the real global setup
// (tests/exit-code/vitest.config.ts) and expects the runner to exit 1. Not matched by npm test's include patterns.
it("fails on purpose, after the global setup handed it a database", () => {
  expect(inject("templateDb")).toMatch(/^maemok_test_template_/)
  expect("red").toBe("green")
})
