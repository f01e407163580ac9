import { describe, expect, it } from "vitest";
import { batchTransition } from "./batch-status";

describe("batchTransition", () => {
  it("releases a draft and an on-hold batch", () => {
    expect(batchTransition("draft", "release")).toEqual({ ok: true, status: "released", reasonRequired: false });
    expect(batchTransition("on_hold", "release")).toEqual({ ok: true, status: "released", reasonRequired: false });
  });

  it("holds only a released batch, with a reason", () => {
    expect(batchTransition("released", "hold")).toEqual({ ok: true, status: "on_hold", reasonRequired: true });
    expect(batchTransition("draft", "hold").ok).toBe(false);
    expect(batchTransition("recalled", "hold").ok).toBe(false);
  });

  it("recalls released or held batches; a recall is final", () => {
    expect(batchTransition("released", "recall")).toMatchObject({ ok: true, status: "recalled" });
    expect(batchTransition("on_hold", "recall")).toMatchObject({ ok: true, status: "recalled" });
    const again = batchTransition("recalled", "release");
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.message_en).toContain("recalled batch cannot be released");
      expect(again.message_th).toContain("เรียกคืนแล้ว");
    }
  });

  it("does not recall a draft (it was never public)", () => {
    expect(batchTransition("draft", "recall").ok).toBe(false);
  });
});
