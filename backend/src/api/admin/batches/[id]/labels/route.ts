import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../../lib/errors"
import { formatSerialForPrint, formatThaiDate } from "@mae-mok/traceability"
import { qrSvg } from "../../../../../lib/traceability/qr"
import { found, validQuery } from "../../../helpers"
import { LabelsQuery } from "../../../validators"
import { batchResponse } from "../../batch-response"

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// GET /admin/batches/:id/labels — A4 print sheet (3 × 8 labels a page), QR inline so it prints offline.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const batch = found(await batchResponse(req.scope, req.params.id), "Batch", req.params.id)
  const wanted = ([] as string[]).concat((await validQuery(req, LabelsQuery)).unit ?? [])
  const units = wanted.length ? batch.units.filter((u) => wanted.includes(u.serial)) : batch.units
  if (units.length === 0) throw notAllowed({ code: "NO_UNITS", message: `Batch ${batch.lot_number} has no label units to print; issue some first`, message_th: `ล็อต ${batch.lot_number} ยังไม่มีฉลากให้พิมพ์ โปรดออกฉลากก่อน` })
  const product = batch.variant?.product?.title ?? ""
  const variant = batch.variant?.title ?? ""
  const bestBefore = batch.best_before ? formatThaiDate(batch.best_before) : "-"

  const labels = await Promise.all(
    units.map(async (u) => {
      if (!u.url) throw notAllowed({ code: "NO_GTIN", message: `Batch ${batch.lot_number} has no product variant with a GTIN`, message_th: `ล็อต ${batch.lot_number} ไม่มีตัวเลือกสินค้าที่มีรหัส GTIN` })
      return `<div class="label">
  <div class="qr">${await qrSvg(u.url)}</div>
  <div class="text">
    <div class="product">${esc(product)}</div>
    <div>${esc(variant)}</div>
    <div>ล็อต <b>${esc(batch.lot_number)}</b></div>
    <div>ควรใช้ก่อน ${esc(bestBefore)}</div>
    <div class="serial">${esc(formatSerialForPrint(u.serial))}</div>
  </div>
</div>`
    })
  )

  const html = `<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<title>ฉลาก ${esc(batch.lot_number)} — ${esc(product)}</title>
<style>
  @page { size: A4; margin: 10mm 7mm; }
  body { margin: 0; font-family: "Sarabun", "Noto Sans Thai", sans-serif; font-size: 8pt; }
  .sheet { display: grid; grid-template-columns: repeat(3, 64mm); grid-auto-rows: 34mm; gap: 0 2mm; }
  .label { display: flex; gap: 2mm; align-items: center; padding: 2mm; border: 0.2mm dashed #bbb; box-sizing: border-box; break-inside: avoid; }
  .qr svg { width: 22mm; height: 22mm; display: block; }
  .product { font-weight: bold; }
  .serial { font-family: monospace; letter-spacing: 0.3mm; }
  @media screen { body { padding: 8px; } .hint { margin-bottom: 8px; } }
  @media print { .hint { display: none; } }
</style></head>
<body>
<p class="hint">${esc(product)} ${esc(variant)} · ล็อต ${esc(batch.lot_number)} · ${units.length} ฉลาก — กด Ctrl+P เพื่อพิมพ์ (กระดาษ A4)</p>
<main class="sheet">
${labels.join("\n")}
</main>
</body></html>`
  // Its own policy: the sheet's inline <style> and inline SVG, and nothing that could run (decision 0019).
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
  res.status(200).type("text/html; charset=utf-8").send(html)
}
