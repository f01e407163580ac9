import type { MedusaRequest } from "@medusajs/framework/http"
import { notAllowed } from "../../../lib/errors"
import { readEnv } from "../../../lib/env"
import { unitUrl, variantsOfBatches } from "../../../lib/traceability/records"
import { traceability } from "../../../lib/traceability/service"
import { found } from "../helpers"

/** The exact url printed in a unit's QR, from the :serial route parameter. */
export async function unitUrlOf(req: MedusaRequest): Promise<string> {
  const serial = req.params.serial
  const [unit] = await traceability(req.scope).listLabelUnits({ serial }, { relations: ["batch"] })
  found(unit, "Label unit", serial)
  const variant = (await variantsOfBatches(req.scope, [unit!.batch.id])).get(unit!.batch.id)
  const url = unitUrl(readEnv().storefrontUrl, variant?.gtin14 ?? null, unit!.batch.lot_number, unit!.serial)
  if (!url) throw notAllowed({ code: "NO_GTIN", message: `The batch of ${serial} has no product variant with a GTIN`, message_th: `ล็อตของฉลาก ${serial} ไม่มีตัวเลือกสินค้าที่มีรหัส GTIN` })
  return url
}
