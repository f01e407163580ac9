import type { MedusaContainer } from "@medusajs/framework/types"
import { formatBaht, formatThaiDate, type LedgerEntry, monthBounds, monthlyStatement, type MonthlyStatement, type StatementLine } from "@mae-mok/traceability"
import { traceability } from "../../lib/traceability/service"

/**
 * A household's monthly statement (core `monthlyStatement`), read from one month of ledger rows plus the
 * balance before it (summed in the database), with what each line stands for: the herb of a harvest lot,
 * the lot number of a batch. PRIVATE: only for admin users with the household private data right.
 */
export type StatementLineView = StatementLine & { description_th: string; reference: string }
export type StatementView = Omit<MonthlyStatement, "lines"> & {
  household: { id: string; code: string; alias: string }
  lines: StatementLineView[]
  entries: LedgerEntry[]
}

const KIND_TH: Record<StatementLine["kind"], string> = {
  farm_gate_purchase: "รับซื้อผลผลิต",
  sales_share: "ส่วนแบ่งรายได้จากการขาย",
  reversal: "หักคืนส่วนแบ่ง (คืนเงิน/ยกเลิก)",
  payment: "จ่ายเงินให้ครัวเรือน",
}
const METHOD_TH = { cash: "เงินสด", bank_transfer: "โอนเงินเข้าบัญชี", promptpay: "พร้อมเพย์" } as const
export function methodTh(method: keyof typeof METHOD_TH): string {
  return METHOD_TH[method]
}

export async function householdStatement(container: Pick<MedusaContainer, "resolve">, householdId: string, month: string): Promise<StatementView | null> {
  const service = traceability(container)
  const [household] = await service.listHouseholds({ id: householdId }, { select: ["id", "code", "alias"] })
  if (!household) return null
  const { from, to } = monthBounds(month)
  const { openingSatang, entries } = await service.ledgerWindow(householdId, from, to)
  const s = monthlyStatement(entries, householdId, month)

  const lotIds = [...new Set(s.lines.flatMap((l) => (l.source.type === "harvest_lot" ? [l.source.harvestLotId] : [])))]
  const batchIds = [...new Set(s.lines.flatMap((l) => (l.source.type === "order_batch" ? [l.source.batchId] : [])))]
  const lots = lotIds.length ? await service.listHarvestLots({ id: lotIds }, { select: ["id", "species_id", "harvested_on"] }) : []
  const species = lots.length ? await service.listHerbSpecies({ id: [...new Set(lots.map((l) => l.species_id))] }) : []
  const batches = batchIds.length ? await service.listBatches({ id: batchIds }, { select: ["id", "lot_number"] }) : []
  const speciesName = new Map(species.map((x) => [x.id, x.thai_name]))
  const lotById = new Map(lots.map((l) => [l.id, l]))
  const lotNumber = new Map(batches.map((b) => [b.id, b.lot_number]))

  const lines = s.lines.map((l): StatementLineView => {
    const src = l.source
    switch (src.type) {
      case "harvest_lot": {
        const lot = lotById.get(src.harvestLotId)
        const kg = (src.grams / 1000).toLocaleString("th-TH", { maximumFractionDigits: 3 })
        return { ...l, description_th: `${KIND_TH[l.kind]} ${speciesName.get(lot?.species_id ?? "") ?? ""} ${kg} กก. × ${formatBaht(src.pricePerKgSatang)}`, reference: src.harvestLotId }
      }
      case "order_batch":
        return { ...l, description_th: `${KIND_TH[l.kind]} คำสั่งซื้อ ${src.orderId} ล็อต ${lotNumber.get(src.batchId) ?? src.batchId} (${src.units} ชิ้น)`, reference: `${src.orderId} ${lotNumber.get(src.batchId) ?? src.batchId}` }
      case "refund":
        return { ...l, description_th: `${KIND_TH[l.kind]} คำสั่งซื้อ ${src.orderId}`, reference: `${src.orderId} ${src.refundId}` }
      case "payout":
        return { ...l, description_th: `${KIND_TH[l.kind]} (${METHOD_TH[src.method]}) ใบสำคัญรับเงินเลขที่ ${src.receiptNumber ?? "-"}`, reference: src.receiptNumber ?? src.payoutId }
    }
  })
  return {
    ...s,
    household: { id: household.id, code: household.code, alias: household.alias },
    openingBalanceSatang: s.openingBalanceSatang + openingSatang,
    closingBalanceSatang: s.closingBalanceSatang + openingSatang,
    lines,
    entries,
  }
}

/** Satang as baht with two decimals and no grouping ("1234.50", "-0.33"): what a spreadsheet reads. */
export function bahtPlain(satang: number): string {
  const sign = satang < 0 ? "-" : ""
  const a = Math.abs(satang)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`
}

function csvCell(v: string): string {
  // A leading = + - @ would make a spreadsheet run it as a formula: quote and prefix it.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-\d/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The statement as CSV for the group's accountant (UTF-8 with BOM so Excel reads Thai). */
export function statementCsv(s: StatementView): string {
  const rows: string[][] = [
    ["household", "month", "date", "kind", "description", "reference", "amount_baht"],
    [s.household.code, s.month, s.from, "opening_balance", "ยอดยกมา", "", bahtPlain(s.openingBalanceSatang)],
    ...s.lines.map((l) => [s.household.code, s.month, l.date, l.kind, l.description_th, l.reference, bahtPlain(l.satang)]),
    [s.household.code, s.month, s.to, "closing_balance", "ยอดค้างจ่ายยกไป", "", bahtPlain(s.closingBalanceSatang)],
  ]
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n"
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

export function thaiDate(date: string): string {
  return formatThaiDate(date)
}
