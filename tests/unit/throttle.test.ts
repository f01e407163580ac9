import { describe, expect, it } from "vitest"
import { passwordProblem } from "../../backend/src/lib/auth/password-policy"
import { readThrottleSettings } from "../../backend/src/lib/throttle/settings"
import { MemoryCounterStore } from "../../backend/src/lib/throttle/store"
import { countAttempt } from "../../backend/src/lib/throttle/throttle"
import { counterStoreContract } from "../support/counter-store-contract"

// The throttles' pieces without a server (docs/decisions/0024-throttling.md). The Redis store runs the same
// contract in `npm run test:scale` (tests/scale/throttle-redis.test.ts), which needs Redis.

counterStoreContract("memory", () => new MemoryCounterStore())

describe("memory counter store", () => {
  it("stays within its bound under a flood of keys, dropping ended windows first", async () => {
    let now = 1_000_000
    const store = new MemoryCounterStore({ maxKeys: 100, now: () => now })
    for (let i = 0; i < 50; i++) await store.hit(`short-${i}`, 1_000)
    now += 2_000
    for (let i = 0; i < 1_000; i++) await store.hit(`flood-${i}`, 60_000)
    expect(store.size).toBeLessThanOrEqual(100)
    // The newest keys are still counted.
    expect((await store.peek("flood-999")).count).toBe(1)
  })
})

describe("countAttempt", () => {
  it("lets `limit` attempts through, refuses the next with the wait until the longest window ends", async () => {
    let now = 0
    const store = new MemoryCounterStore({ now: () => now })
    const ip = { key: "ip", rule: { limit: 3, windowMs: 60_000 } }
    const account = { key: "account", rule: { limit: 2, windowMs: 900_000 } }
    expect(await countAttempt([ip, account], store)).toEqual({ ok: true })
    expect(await countAttempt([ip, account], store)).toEqual({ ok: true })
    now = 30_000
    expect(await countAttempt([ip, account], store)).toEqual({ ok: false, retryAfterSeconds: 870 })
    expect(await countAttempt([ip], store)).toEqual({ ok: false, retryAfterSeconds: 30 })
    now = 61_000
    expect(await countAttempt([ip], store)).toEqual({ ok: true })
  })
})

describe("throttle settings", () => {
  it("has defaults and reads the environment", () => {
    expect(readThrottleSettings({})).toEqual({
      loginPerAccount: { limit: 10, windowMs: 15 * 60_000 },
      loginPerIp: { limit: 30, windowMs: 15 * 60_000 },
      checkoutPerIp: { limit: 10, windowMs: 60 * 60_000 },
      reportPerIp: { limit: 5, windowMs: 60 * 60_000 },
    })
    const set = readThrottleSettings({ LOGIN_LIMIT_PER_ACCOUNT: "5", LOGIN_LIMIT_PER_IP: "50", LOGIN_LIMIT_WINDOW_MINUTES: "30", CHECKOUT_LIMIT_PER_IP: "3", CHECKOUT_LIMIT_WINDOW_MINUTES: "10" })
    expect(set).toEqual({
      loginPerAccount: { limit: 5, windowMs: 30 * 60_000 },
      loginPerIp: { limit: 50, windowMs: 30 * 60_000 },
      checkoutPerIp: { limit: 3, windowMs: 10 * 60_000 },
      reportPerIp: { limit: 5, windowMs: 60 * 60_000 },
    })
  })

  it("refuses a limit that is not a whole number of at least 1", () => {
    for (const value of ["0", "-1", "2.5", "ten"]) {
      expect(() => readThrottleSettings({ LOGIN_LIMIT_PER_ACCOUNT: value })).toThrow(/LOGIN_LIMIT_PER_ACCOUNT must be a whole number/)
    }
  })
})

describe("password policy", () => {
  it("refuses short, listed, repeated and e-mail passwords, with the reason in Thai and English", () => {
    expect(passwordProblem("a")?.reason).toBe("too_short")
    expect(passwordProblem("")?.reason).toBe("missing")
    expect(passwordProblem(undefined)?.reason).toBe("missing")
    expect(passwordProblem("x".repeat(257))?.reason).toBe("too_long")
    expect(passwordProblem("12345678")?.reason).toBe("common")
    expect(passwordProblem("Password123")?.reason).toBe("common")
    expect(passwordProblem("aaaaaaaaaa")?.reason).toBe("common")
    expect(passwordProblem("Somchai@Example.com", "somchai@example.com")?.reason).toBe("email")
    expect(passwordProblem("somchaij", "somchaij@example.com")?.reason).toBe("email")
    expect(passwordProblem("สมชาย12")?.reason).toBe("too_short")
    const problem = passwordProblem("abc")!
    expect(problem.message).toMatch(/at least 8 characters/)
    expect(problem.message_th).toMatch(/อย่างน้อย 8 ตัวอักษร/)
  })

  it("accepts ordinary passphrases, Thai ones included", () => {
    for (const ok of ["maemok-dev-password", "test-admin-password-1234", "csrf-secret-123", "สมุนไพรแม่มอก2567", "correct horse battery"]) {
      expect(passwordProblem(ok, "someone@example.com"), ok).toBeNull()
    }
  })
})
