import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { invalid } from "../errors"

/**
 * PostgreSQL cannot take U+0000 in text, and its driver fails the whole query (a 500) when a path
 * parameter or query value carries one. No id, code, serial or filter can contain it, so a URL with
 * %00 is refused before any route runs. (Bodies are checked field by field in the validators.)
 */
export function refuseNulInUrl(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  if (!req.originalUrl.includes("%00")) return next()
  next(
    invalid({
      code: "NUL_IN_URL",
      message: "The URL contains %00 (the NUL character), which no id, code or query value can hold.",
      message_th: "ลิงก์ไม่ถูกต้อง",
    })
  )
}
