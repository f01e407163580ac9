/**
 * The one PUBLIC statement about money reaching growers: how much of a unit's price goes back to
 * the grower households of its batch under the share rule in force, in aggregate.
 *
 * It is computed from public facts only (the variant's price, the rule's percentage and the number
 * of households, which the provenance page already shows) and takes no household money as input,
 * so it cannot leak any. Rules (DESIGN.md privacy): never a single household's amount; with fewer
 * than three households only the rule (percentage of net revenue) is stated, never baht.
 *
 * The baht figure is the rule applied to the price net of 7 % VAT (money.ts rounding). In the
 * sentence it is rounded DOWN to whole baht from ฿1 up, so the shop never claims more than goes back.
 */

import { applyBasisPoints, formatBaht, netOfVat } from "./money";
import { formatBasisPoints } from "./price-rules";

/** Below this many households in a batch, no baht amount is published. */
export const MIN_HOUSEHOLDS_FOR_AMOUNT = 3;

export interface PublicShareInput {
  /** The variant's price as shown to customers (VAT included), satang. */
  priceSatang: number;
  /** The share rule in force today for this product (price-rules.ts `shareRuleOn`), or null. */
  rule: { basisPoints: number } | null;
  /** Households in the batch's mass balance (public: projection.totals.households). */
  householdsCount: number;
}

export type PublicShareLine =
  | {
      kind: "amount";
      /** Aggregate share of one unit's price for all the batch's households together. */
      shareSatangPerUnit: number;
      basisPoints: number;
      households: number;
      message_th: string;
      message_en: string;
    }
  | { kind: "rule_only"; basisPoints: number; message_th: string; message_en: string }
  | { kind: "none" };

function displayAmount(satang: number): string {
  // Whole baht, rounded down, from ฿1 up; the exact satang below that.
  return satang >= 100 ? formatBaht(satang - (satang % 100), { wholeBahtWhenExact: true }) : formatBaht(satang);
}

/** The public share line for a unit of a batch; see the header comment for what may be said. */
export function publicShareLine(input: PublicShareInput): PublicShareLine {
  const { rule, householdsCount } = input;
  if (!Number.isSafeInteger(householdsCount) || householdsCount < 0) throw new RangeError(`householdsCount must be a non-negative integer, got ${householdsCount}`);
  if (rule === null || rule.basisPoints === 0 || householdsCount === 0) return { kind: "none" };
  const percent = formatBasisPoints(rule.basisPoints);
  if (householdsCount < MIN_HOUSEHOLDS_FOR_AMOUNT) {
    return {
      kind: "rule_only",
      basisPoints: rule.basisPoints,
      message_th: `${percent} ของรายได้สุทธิ (ไม่รวม VAT) จากสินค้าชิ้นนี้ถึงมือครัวเรือนผู้ปลูก`,
      message_en: `${percent} of the net revenue (ex VAT) from this item goes back to the grower households.`,
    };
  }
  const share = applyBasisPoints(netOfVat(input.priceSatang), rule.basisPoints);
  if (share === 0) return { kind: "none" };
  const amount = displayAmount(share);
  return {
    kind: "amount",
    shareSatangPerUnit: share,
    basisPoints: rule.basisPoints,
    households: householdsCount,
    message_th: `${amount} ของราคานี้ถึงมือครัวเรือนผู้ปลูก ${householdsCount} ครัวเรือน`,
    message_en: `${amount} of this price goes back to the ${householdsCount} grower households`,
  };
}
