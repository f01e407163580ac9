import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../../../lib/errors"
import { receiptHtml } from "../../../../../../lib/money/receipt"
import { htmlToPdf } from "../../../../../../lib/pdf/html-to-pdf"
import { traceability } from "../../../../../../lib/traceability/service"

/**
 * The receipt (ใบสำคัญรับเงิน) of one payment to the household: PDF, or the printable page with ?format=html.
 * Household private data right required (the receipt carries the household's name and address).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const id = req.params.id!
  const payoutId = req.params.payout_id!
  const service = traceability(req.scope)
  const [household] = await service.listHouseholds({ id })
  const payment = household ? (await service.listLedger({ payout_id: payoutId, household_id: id })).find((e) => e.kind === "payment") : undefined
  if (!household || !payment) throw notFound({ en: "Payment", th: "รายการจ่ายเงิน" }, payoutId)
  const html = receiptHtml(payment, household)
  res.setHeader("cache-control", "no-store")
  if (req.query.format === "html") {
    res.setHeader("content-type", "text/html; charset=utf-8")
    return void res.send(html)
  }
  const pdf = await htmlToPdf(html, { format: "A4" })
  res.setHeader("content-type", "application/pdf")
  const receipt = payment.source.type === "payout" ? (payment.source.receiptNumber ?? payoutId) : payoutId
  res.setHeader("content-disposition", `inline; filename="receipt-${receipt.replace(/[^A-Za-z0-9-]/g, "_")}.pdf"`)
  res.send(pdf)
}
