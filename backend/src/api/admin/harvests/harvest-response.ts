import type { MedusaRequest } from "@medusajs/framework/http"
import { gramsToKg } from "@mae-mok/traceability"
import type { HarvestChange } from "@mae-mok/traceability/module"
import { traceability } from "../../../lib/traceability/service"
import { found } from "../helpers"

type LotRow = { id: string; plot_id: string; grams_harvested: number; grams_used: number } & Record<string, unknown>
type CorrectionRow = { id: string; harvest_lot_id: string; changes: Record<string, HarvestChange>; reason: string; created_by: string | null; created_at: Date | string }

/** A correction as the admin reads it: weights in kg like the lot itself. */
function correctionResponse(c: CorrectionRow) {
  const changes: Record<string, HarvestChange> = {}
  for (const [field, change] of Object.entries(c.changes)) {
    if (field === "grams_harvested") changes.kg = { before: gramsToKg(Number(change.before)), after: gramsToKg(Number(change.after)) }
    else changes[field] = change
  }
  return { id: c.id, changes, reason: c.reason, created_by: c.created_by, created_at: c.created_at }
}

/** A harvest lot with kg, its plot's code, its void state and its corrections (oldest first). */
export function harvestResponse(lot: LotRow, plotCodes: Map<string, string>, corrections: CorrectionRow[] = []) {
  const { grams_harvested, grams_used, ...rest } = lot
  return {
    ...rest,
    plot_code: plotCodes.get(lot.plot_id) ?? null,
    kg_harvested: gramsToKg(grams_harvested),
    kg_used: gramsToKg(grams_used),
    kg_left: gramsToKg(grams_harvested - grams_used),
    corrections: corrections.filter((c) => c.harvest_lot_id === lot.id).map(correctionResponse),
  }
}

/** Plot codes by id, for the lots shown. */
export async function plotCodes(req: MedusaRequest, plotIds: string[]) {
  const plots = plotIds.length ? await traceability(req.scope).listPlots({ id: [...new Set(plotIds)] }) : []
  return new Map(plots.map((p) => [p.id, p.code]))
}

/** The corrections of these lots, oldest first. */
export async function correctionsOf(req: MedusaRequest, lotIds: string[]): Promise<CorrectionRow[]> {
  if (lotIds.length === 0) return []
  return (await traceability(req.scope).listHarvestCorrections({ harvest_lot_id: lotIds }, { order: { created_at: "ASC" } })) as CorrectionRow[]
}

/** One lot with its void state and corrections (404 when unknown). */
export async function harvestAnswer(req: MedusaRequest, id: string) {
  const [lot] = await traceability(req.scope).listHarvestLots({ id })
  const l = found(lot, "Harvest lot", id)
  return harvestResponse(l, await plotCodes(req, [l.plot_id]), await correctionsOf(req, [l.id]))
}
