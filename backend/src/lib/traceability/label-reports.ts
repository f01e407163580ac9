import type { MedusaContainer } from "@medusajs/framework/types"
import { countAttempt, type Refusal, throttleKey, throttleSettings, tooManyAttempts } from "../throttle/throttle"
import { parseLinkParams } from "./link-params"
import { publicBatchId } from "./public-batch"
import { traceability } from "./service"

/*
 * Buyers' "suspicious label" reports (issue 15, docs/decisions/0061-label-reports.md): sent from the provenance
 * page through the storefront, counted per client IP with the backend's throttle, stored for the group and
 * listed in the admin. Nothing of a report is ever public.
 */

type Container = Pick<MedusaContainer, "resolve">

export const REPORT_REASONS = ["unknown_code", "many_scans", "label_looks_different", "bought_unsealed", "other"] as const

export type LabelReportInput = {
  gtin: string
  lot: string
  serial: string | null
  reason: (typeof REPORT_REASONS)[number]
  message: string
  where_bought: string | null
  contact: string | null
}

const REPORTS: Refusal = {
  code: "TOO_MANY_REPORTS",
  message: (wait) => `Too many reports were sent from this network. Try again in ${wait}, or call the group.`,
  message_th: (wait) => `มีการส่งเรื่องจากเครือข่ายนี้มากเกินไป โปรดลองใหม่ในอีก ${wait} หรือโทรหากลุ่ม`,
}

/** Stores one report (429 over REPORT_LIMIT_PER_IP per REPORT_LIMIT_WINDOW_MINUTES; 400 for a link that breaks GS1 syntax). */
export async function recordLabelReport(container: Container, input: LabelReportInput, clientIp: string): Promise<{ id: string }> {
  // A report about an unknown code is the most useful kind, so the link need only be well-formed GS1.
  const link = parseLinkParams(input.gtin, input.lot, input.serial ?? undefined)
  const key = throttleKey("report-ip", clientIp)
  const verdict = await countAttempt([{ key, rule: throttleSettings().reportPerIp }])
  if (!verdict.ok) throw tooManyAttempts(verdict.retryAfterSeconds, REPORTS)
  const batchId = await publicBatchId(container, link.gtin, link.lot)
  const [report] = await traceability(container).createLabelReports([
    {
      gtin: link.gtin,
      lot: link.lot,
      serial: link.serial,
      batch_id: batchId,
      reason: input.reason,
      message: input.message,
      where_bought: input.where_bought,
      contact: input.contact,
      // The throttle's own salted hash: the IP itself is never stored.
      ip_hash: key.slice("report-ip:".length),
      reported_at: new Date(),
    },
  ])
  return { id: report!.id }
}

/** The newest reports first, for the group (admin), with the scan and network counts of the unit each names. */
export async function listLabelReports(container: Container, limit: number) {
  const service = traceability(container)
  const rows = await service.listLabelReports({}, { order: { reported_at: "DESC" }, take: limit })
  const serials = [...new Set(rows.map((r) => r.serial).filter((s): s is string => !!s))]
  // One query for every unit named; a serial the group never issued has no row (then null counts).
  const units = serials.length ? await service.listLabelUnits({ serial: serials }, { select: ["serial", "scan_count", "network_count"] }) : []
  const bySerial = new Map(units.map((u) => [u.serial, u]))
  return rows.map((r) => {
    const unit = r.serial ? bySerial.get(r.serial) : undefined
    return {
      id: r.id,
      reported_at: r.reported_at,
      gtin: r.gtin,
      lot: r.lot,
      serial: r.serial,
      batch_id: r.batch_id,
      reason: r.reason,
      message: r.message,
      where_bought: r.where_bought,
      contact: r.contact,
      unit_scan_count: unit?.scan_count ?? null,
      unit_network_count: unit?.network_count ?? null,
      handled_at: r.handled_at,
      handled_by: r.handled_by,
      handled_note: r.handled_note,
    }
  })
}
