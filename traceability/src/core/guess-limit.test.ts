import { describe, expect, it } from "vitest";
import { checkGuessLimit, newGuessLimitState, pruneGuessLimit, recordGuessMiss } from "./guess-limit";

const opts = { limit: 3, windowMs: 60_000 };

describe("guess limit", () => {
  it("limits a client after `limit` refusals inside the window, not before", () => {
    const s = newGuessLimitState();
    for (let i = 0; i < 3; i++) {
      expect(checkGuessLimit(s, "a", 1000 + i, opts)).toEqual({ limited: false });
      recordGuessMiss(s, "a", 1000 + i, opts);
    }
    expect(checkGuessLimit(s, "a", 1003, opts)).toEqual({ limited: true, retryAfterSeconds: 60 });
  });

  it("keeps other clients apart", () => {
    const s = newGuessLimitState();
    for (let i = 0; i < 3; i++) recordGuessMiss(s, "a", 0, opts);
    expect(checkGuessLimit(s, "a", 10, opts).limited).toBe(true);
    expect(checkGuessLimit(s, "b", 10, opts).limited).toBe(false);
  });

  it("slides: the client may guess again when its oldest counted refusal leaves the window", () => {
    const s = newGuessLimitState();
    recordGuessMiss(s, "a", 0, opts);
    recordGuessMiss(s, "a", 20_000, opts);
    recordGuessMiss(s, "a", 40_000, opts);
    expect(checkGuessLimit(s, "a", 50_000, opts)).toEqual({ limited: true, retryAfterSeconds: 10 });
    expect(checkGuessLimit(s, "a", 59_999, opts)).toEqual({ limited: true, retryAfterSeconds: 1 });
    expect(checkGuessLimit(s, "a", 60_000, opts)).toEqual({ limited: false });
    // A refusal while limited is counted too: a guesser who keeps going stays limited.
    recordGuessMiss(s, "a", 60_000, opts);
    expect(checkGuessLimit(s, "a", 60_001, opts)).toEqual({ limited: true, retryAfterSeconds: 20 });
  });

  it("keeps at most `limit` times per client and forgets idle clients", () => {
    const s = newGuessLimitState();
    for (let i = 0; i < 100; i++) recordGuessMiss(s, "a", i, opts);
    expect(s.misses.get("a")).toEqual([97, 98, 99]);
    expect(checkGuessLimit(s, "a", 200_000, opts)).toEqual({ limited: false });
    expect(s.misses.has("a")).toBe(false);
  });

  it("bounds the number of tracked clients, dropping the longest idle first", () => {
    const s = newGuessLimitState();
    const bounded = { ...opts, maxClients: 2 };
    recordGuessMiss(s, "old", 0, bounded);
    recordGuessMiss(s, "mid", 10, bounded);
    recordGuessMiss(s, "new", 20, bounded);
    expect([...s.misses.keys()].sort()).toEqual(["mid", "new"]);
    pruneGuessLimit(s, 60_015, bounded, 2);
    expect([...s.misses.keys()]).toEqual(["new"]);
  });

  it("refuses nonsense options", () => {
    expect(() => checkGuessLimit(newGuessLimitState(), "a", 0, { limit: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => recordGuessMiss(newGuessLimitState(), "a", 0, { limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
