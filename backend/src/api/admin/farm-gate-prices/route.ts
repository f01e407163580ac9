import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bangkokToday, farmGatePriceOn } from "@mae-mok/traceability"
import { traceability } from "../../../lib/traceability/service"
import { setFarmGatePriceWorkflow } from "../../../workflows/money/price-rules"
import { actorId } from "../helpers"
import type { FarmGatePriceCreate, Infer } from "../validators"

type Row = { id: string; species_id: string; price_per_kg_satang: number; valid_from: string; valid_until: string | null } & Record<string, unknown>

/** The price list with its history (newest first per herb), each marked whether it is the price today. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service = traceability(req.scope)
  const rows = (await service.listFarmGatePrices({}, { order: { valid_from: "DESC", created_at: "DESC" } })) as Row[]
  const species = await service.listHerbSpecies({})
  const names = new Map(species.map((s) => [s.id, s.thai_name]))
  const today = bangkokToday()
  const current = new Set(
    species
      .map((s) => farmGatePriceOn(rows.map((r) => ({ id: r.id, speciesId: r.species_id, pricePerKgSatang: r.price_per_kg_satang, validFrom: r.valid_from, validUntil: r.valid_until })), s.id, today)?.id)
      .filter(Boolean)
  )
  res.json({
    today,
    farm_gate_prices: rows.map((r) => ({ ...r, species_name: names.get(r.species_id) ?? null, current: current.has(r.id) })),
  })
}

export async function POST(req: MedusaRequest<Infer<typeof FarmGatePriceCreate>>, res: MedusaResponse) {
  const b = req.validatedBody
  const { result } = await setFarmGatePriceWorkflow(req.scope).run({
    input: { species_id: b.species_id, price_per_kg_satang: b.price_per_kg_satang, valid_from: b.valid_from, valid_until: b.valid_until ?? null, note: b.note ?? null, actor_id: actorId(req) },
  })
  res.json({ farm_gate_price: result })
}
