import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { TRACEABILITY_MODULE } from "@mae-mok/traceability/module"
import batchVariantLink from "../../links/batch-product-variant"
import { traceability } from "../traceability/service"

type LinkRow = { product_variant_id: string; batch_id: string }

/**
 * create-batch writes the variant link first and the batch second (workflows/traceability/create-batch.ts);
 * a crash between the two leaves a link to a batch that does not exist. Removes those written before
 * `before`. Answers how many.
 */
export async function sweepDanglingBatchLinks(container: Pick<MedusaContainer, "resolve">, before: Date): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: batchVariantLink.entryPoint,
    fields: ["product_variant_id", "batch_id"],
    filters: { created_at: { $lt: before } },
  })
  // A link's entry point is a plain string to query.graph, so its rows come untyped: these are the fields asked for.
  const rows: LinkRow[] = data
  if (rows.length === 0) return 0
  const ids = [...new Set(rows.map((r) => r.batch_id))]
  const existing = new Set((await traceability(container).listBatches({ id: ids }, { select: ["id"], withDeleted: true })).map((b) => b.id))
  const dangling = rows.filter((r) => !existing.has(r.batch_id))
  if (dangling.length === 0) return 0
  await container.resolve(ContainerRegistrationKeys.LINK).dismiss(
    dangling.map((r) => ({ [Modules.PRODUCT]: { product_variant_id: r.product_variant_id }, [TRACEABILITY_MODULE]: { batch_id: r.batch_id } }))
  )
  container.resolve(ContainerRegistrationKeys.LOGGER).warn(`crash recovery: removed ${dangling.length} batch-variant link(s) of batches never written`)
  return dangling.length
}
