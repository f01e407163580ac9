import type { MedusaContainer } from "@medusajs/framework/types"
import { gramsToKg } from "@mae-mok/traceability"
import { readEnv } from "../../../lib/env"
import { unitUrl, variantsOfBatches } from "../../../lib/traceability/records"
import { traceability } from "../../../lib/traceability/service"

type Container = Pick<MedusaContainer, "resolve">

/** Batches as the admin sees them: variant, inputs with plot codes, and each unit's exact QR url. */
export async function batchResponses(container: Container, batchIds: string[]) {
  if (batchIds.length === 0) return []
  const service = traceability(container)
  const batches = await service.listBatches({ id: batchIds }, { relations: ["inputs", "units"], order: { created_at: "DESC" } })
  const variants = await variantsOfBatches(container, batchIds)
  const lotIds = [...new Set(batches.flatMap((b) => b.inputs.map((i) => i.harvest_lot_id)))]
  const lots = lotIds.length ? await service.listHarvestLots({ id: lotIds }) : []
  const plots = lots.length ? await service.listPlots({ id: [...new Set(lots.map((l) => l.plot_id))] }) : []
  const lotById = new Map(lots.map((l) => [l.id, l]))
  const plotCode = new Map(plots.map((p) => [p.id, p.code]))
  const origin = readEnv().storefrontUrl
  const order = new Map(batchIds.map((id, i) => [id, i]))

  return batches
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((b) => {
      const variant = variants.get(b.id) ?? null
      const { inputs, units, ...rest } = b
      return {
        ...rest,
        variant,
        inputs: inputs.map((i) => {
          const lot = lotById.get(i.harvest_lot_id)
          return {
            harvest_lot_id: i.harvest_lot_id,
            plot_code: lot ? plotCode.get(lot.plot_id) ?? null : null,
            species_id: lot?.species_id ?? null,
            harvested_on: lot?.harvested_on ?? null,
            kg: gramsToKg(i.grams_used),
          }
        }),
        units: [...units]
          .sort((x, y) => (x.serial < y.serial ? -1 : 1))
          .map((u) => ({
            id: u.id,
            serial: u.serial,
            url: unitUrl(origin, variant?.gtin14 ?? null, b.lot_number, u.serial),
            printed_at: u.printed_at,
            first_scan_at: u.first_scan_at,
            scan_count: u.scan_count,
          })),
      }
    })
}

export async function batchResponse(container: Container, id: string) {
  const [batch] = await batchResponses(container, [id])
  return batch
}
