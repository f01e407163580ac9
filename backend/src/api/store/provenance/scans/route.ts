import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ScanAnswer } from "@mae-mok/traceability"
import { errorAnswer } from "../../../../lib/errors"
import { countGuessMiss, guessLimitOf, refusalWithin } from "../../../../lib/traceability/guess-limit"
import { recordScans } from "../../../../lib/traceability/scans"
import type { ScanBatch } from "../validators"

/**
 * POST /store/provenance/scans — several unit scans in one call (the storefront gathers the scans that
 * arrive while its previous call is under way). Each result is what GET …/:serial would have answered,
 * with the same guess limit per client IP; refusals of a limited client are not stored.
 */
export async function POST(req: MedusaRequest<ScanBatch>, res: MedusaResponse) {
  const scans = req.validatedBody.scans
  const limits = await Promise.all(scans.map((s) => guessLimitOf(s.client_ip)))
  const results = await recordScans(
    req.scope,
    scans.map((s, i) => ({ gtin: s.gtin, lot: s.lot, serial: s.serial, clientIp: s.client_ip, recordRefusal: !limits[i]!.limited }))
  )
  const answers = await Promise.all(
    results.map(async (result, i): Promise<ScanAnswer> => {
      if (result.ok) return { status: 200, scan: result.verdict }
      // Counted in order, so the refusals of one batch from one client reach its limit as separate calls would.
      const limit = await countGuessMiss(scans[i]!.client_ip)
      // The same answer (status and body) the error handler would give GET …/:serial.
      const answer = errorAnswer(refusalWithin(limit, result.refusal))!
      return { ...(answer.body as Omit<Extract<ScanAnswer, { type: string }>, "status">), status: answer.status }
    })
  )
  res.setHeader("Cache-Control", "no-store")
  res.json({ results: answers })
}
