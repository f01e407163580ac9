import { describe, expect, it } from "vitest";
import { checkGuessLimit, DEFAULT_GUESS_LIMIT } from "./guess-limit";

const opts = { limit: 3, windowMs: 60_000 };

describe("guess limit", () => {
  it("limits a client once its window holds `limit` refusals, not before", () => {
    expect(checkGuessLimit({ count: 0, resetInMs: 0 }, opts)).toEqual({ limited: false });
    expect(checkGuessLimit({ count: 2, resetInMs: 59_000 }, opts)).toEqual({ limited: false });
    expect(checkGuessLimit({ count: 3, resetInMs: 59_000 }, opts)).toEqual({ limited: true, retryAfterSeconds: 59 });
    // Refusals while limited are counted too; the wait is still the window's end.
    expect(checkGuessLimit({ count: 30, resetInMs: 10_500 }, opts)).toEqual({ limited: true, retryAfterSeconds: 11 });
  });

  it("asks for at least a second and never longer than the window", () => {
    expect(checkGuessLimit({ count: 3, resetInMs: 0 }, opts)).toEqual({ limited: true, retryAfterSeconds: 1 });
    expect(checkGuessLimit({ count: 3, resetInMs: 1 }, opts)).toEqual({ limited: true, retryAfterSeconds: 1 });
    expect(checkGuessLimit({ count: 3, resetInMs: 10 * 60_000 }, opts)).toEqual({ limited: true, retryAfterSeconds: 60 });
  });

  it("defaults to 20 refusals per 10 minutes", () => {
    expect(checkGuessLimit({ count: 19, resetInMs: 1000 }).limited).toBe(false);
    expect(checkGuessLimit({ count: 20, resetInMs: 600_000 })).toEqual({ limited: true, retryAfterSeconds: 600 });
    expect(DEFAULT_GUESS_LIMIT).toEqual({ limit: 20, windowMs: 600_000 });
  });

  it("refuses nonsense options", () => {
    expect(() => checkGuessLimit({ count: 0, resetInMs: 0 }, { limit: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => checkGuessLimit({ count: 0, resetInMs: 0 }, { limit: 1.5, windowMs: 1 })).toThrow(RangeError);
    expect(() => checkGuessLimit({ count: 0, resetInMs: 0 }, { limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
