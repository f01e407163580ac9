import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { AppError } from "../errors"
import { variantsOfBatches } from "./records"
import { traceability } from "./service"

type Container = Pick<MedusaContainer, "resolve">

/** 404 for a lot that is not public (unknown, a draft, or of another GTIN). */
export function unknownLot(gtin: string, lot: string): AppError {
  return new AppError(MedusaError.Types.NOT_FOUND, {
    code: "UNKNOWN_LOT",
    message: `No released batch ${lot} of GTIN ${gtin} is in our records.`,
    message_th: `ไม่พบรุ่นการผลิต ${lot} ของสินค้านี้ในระบบ`,
  })
}

/** The batch with that lot number, if it is public (not a draft) and of that GTIN. */
export async function findPublicBatch(container: Container, gtin: string, lot: string) {
  const [batch] = await traceability(container).listBatches({ lot_number: lot })
  if (!batch || batch.status === "draft") return null
  const variant = (await variantsOfBatches(container, [batch.id])).get(batch.id)
  if (variant?.gtin14 !== gtin) return null
  return batch
}

// A lot once public (released, on hold or recalled) stays public, of the same batch and GTIN: scans remember
// it for a minute instead of looking it up in every batch of scans. Unknown lots are never remembered.
const publicLots = new Map<string, { batchId: string; at: number }>()

/** The id of the public batch with that lot number and GTIN (remembered for a minute), or null. */
export async function publicBatchId(container: Container, gtin: string, lot: string): Promise<string | null> {
  const key = `${gtin}/${lot}`
  const known = publicLots.get(key)
  if (known && Date.now() - known.at < 60_000) return known.batchId
  const batch = await findPublicBatch(container, gtin, lot)
  if (!batch) return null
  if (publicLots.size >= 1000) publicLots.clear()
  publicLots.set(key, { batchId: batch.id, at: Date.now() })
  return batch.id
}
