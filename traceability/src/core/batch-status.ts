/**
 * What may happen to a batch. A draft has taken its herb but is not public yet; release makes its
 * provenance public; hold pauses sales while something is checked; recall is final. A recalled
 * batch stays public so a buyer who scans it sees the recall notice.
 */

import type { BatchStatus } from "./public-projection";

export type BatchAction = "release" | "hold" | "recall";

const TARGET: Record<BatchAction, BatchStatus> = { release: "released", hold: "on_hold", recall: "recalled" };

const ALLOWED_FROM: Record<BatchAction, readonly BatchStatus[]> = {
  release: ["draft", "on_hold"],
  hold: ["released"],
  recall: ["released", "on_hold"],
};

export type BatchTransition =
  | { ok: true; status: BatchStatus; reasonRequired: boolean }
  | { ok: false; message_en: string; message_th: string };

const STATUS_TH: Record<BatchStatus, string> = {
  draft: "ร่าง",
  released: "วางจำหน่ายแล้ว",
  on_hold: "ระงับชั่วคราว",
  recalled: "เรียกคืนแล้ว",
};

/** Whether `action` may be applied to a batch in `current`, and the status it leads to. */
export function batchTransition(current: BatchStatus, action: BatchAction): BatchTransition {
  const target = TARGET[action];
  if (!target) return { ok: false, message_en: `unknown action ${JSON.stringify(action)}`, message_th: "คำสั่งไม่ถูกต้อง" };
  if (!ALLOWED_FROM[action].includes(current)) {
    return {
      ok: false,
      message_en: `A ${current.replace("_", " ")} batch cannot be ${target.replace("_", " ")}; allowed from: ${ALLOWED_FROM[action].join(", ")}.`,
      message_th: `รุ่นการผลิตที่อยู่ในสถานะ "${STATUS_TH[current]}" เปลี่ยนเป็น "${STATUS_TH[target]}" ไม่ได้`,
    };
  }
  // Hold and recall are told to buyers and inspectors: they must say why.
  return { ok: true, status: target, reasonRequired: action !== "release" };
}
