import crypto from "node:crypto"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notAllowed } from "../../../../../lib/errors"
import { formatSerialForPrint, formatThaiDate, LABEL_LAYOUTS, labelLayout, paginate, qrSide, type LabelLayout } from "@mae-mok/traceability"
import { htmlToPdf } from "../../../../../lib/pdf/html-to-pdf"
import { qrSvg } from "../../../../../lib/traceability/qr"
import { found, validQuery } from "../../../helpers"
import { LabelsQuery } from "../../../validators"
import { batchResponse } from "../../batch-response"

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// The print button's one script, allowed by its hash and nothing else (the sheet's CSP, decision 0019):
// window.print() opens the print dialog on a phone or tablet too, where there is no Ctrl+P.
const PRINT_SCRIPT = `document.getElementById("print").addEventListener("click",function(){window.print()})`
const PRINT_SCRIPT_HASH = crypto.createHash("sha256").update(PRINT_SCRIPT).digest("base64")

/** The same query with another layout or format (the unit selection kept). */
function sheetHref(batchId: string, units: string[], layout: string, format?: "pdf"): string {
  const q = new URLSearchParams()
  for (const u of units) q.append("unit", u)
  q.set("layout", layout)
  if (format) q.set("format", format)
  return `/admin/batches/${encodeURIComponent(batchId)}/labels?${q.toString()}`
}

function sheetCss(l: LabelLayout): string {
  const qr = qrSide(l)
  const small = l.label.height < 32
  return `
  @page { size: ${l.paper.width}mm ${l.paper.height}mm; margin: 0; }
  body { margin: 0; font-family: "Sarabun", "Noto Sans Thai", sans-serif; font-size: ${small ? 6.5 : 8}pt; line-height: 1.25; }
  .page { width: ${l.paper.width}mm; height: ${l.paper.height}mm; box-sizing: border-box; padding: ${l.margin.top}mm 0 0 ${l.margin.left}mm;
    display: grid; grid-template-columns: repeat(${l.cols}, ${l.label.width}mm); grid-template-rows: repeat(${l.rows}, ${l.label.height}mm);
    column-gap: ${l.gap.x}mm; row-gap: ${l.gap.y}mm; break-after: page; overflow: hidden; }
  .page:last-child { break-after: auto; }
  .label { display: flex; gap: 1.5mm; align-items: center; padding: 1.5mm; box-sizing: border-box; overflow: hidden; }
  .qr svg { width: ${qr}mm; height: ${qr}mm; display: block; }
  .text { min-width: 0; }
  .product { font-weight: bold; }
  .serial { font-family: monospace; letter-spacing: 0.2mm; }
  @media screen {
    body { background: #e5e7eb; padding: 8px; }
    .toolbar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; background: #fff; padding: 8px; margin: -8px -8px 8px; box-shadow: 0 1px 3px #0003; font-size: 14px; }
    .toolbar button, .toolbar .button { font: inherit; font-size: 16px; padding: 10px 16px; border-radius: 8px; border: 1px solid #999; background: #fff; color: #111; text-decoration: none; }
    .toolbar #print { background: #15803d; color: #fff; border-color: #15803d; }
    .toolbar select, .toolbar nav { font-size: 14px; }
    .toolbar nav a { margin-right: 8px; }
    .toolbar nav a[aria-current] { font-weight: bold; color: #111; text-decoration: none; }
    .pages { overflow-x: auto; }
    .page { background: #fff; margin-bottom: 8px; box-shadow: 0 1px 3px #0003; }
    .label { outline: 0.2mm dashed #bbb; outline-offset: -0.1mm; }
  }
  @media print { .toolbar { display: none; } }${
    // A phone shows a whole A4 sheet shrunk to its width (printing is unaffected: screen only).
    l.paper.width > 100 ? "\n  @media screen and (max-width: 820px) { .page { zoom: 0.45; } }" : ""
  }`
}

// GET /admin/batches/:id/labels — the label sheet for the chosen paper (A4 sticker sheets or a roll), with a
// print button and a PDF download; ?format=pdf is the same sheet as a PDF. QR codes inline, so it prints offline.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const batch = found(await batchResponse(req.scope, req.params.id), "Batch", req.params.id)
  const query = await validQuery(req, LabelsQuery)
  const wanted = ([] as string[]).concat(query.unit ?? [])
  const layout = labelLayout(query.layout)
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
  const pages = paginate(labels, layout)
  const title = `ฉลาก ${esc(batch.lot_number)} — ${esc(product)}`
  const sheet = `<main class="pages">
${pages.map((p) => `<section class="page">\n${p.join("\n")}\n</section>`).join("\n")}
</main>`

  if (query.format === "pdf") {
    const pdf = await htmlToPdf(`<!doctype html><html lang="th"><head><meta charset="utf-8"><title>${title}</title><style>${sheetCss(layout)}</style></head><body>${sheet}</body></html>`, {
      width: `${layout.paper.width}mm`,
      height: `${layout.paper.height}mm`,
      margin: { top: "0", right: "0", bottom: "0", left: "0" },
    })
    res.setHeader("Content-Disposition", `attachment; filename="labels-${batch.lot_number}-${layout.id}.pdf"`)
    res.setHeader("Cache-Control", "private, no-store")
    return void res.status(200).type("application/pdf").send(pdf)
  }

  const toolbar = `<header class="toolbar">
  <span><b>${esc(product)} ${esc(variant)}</b> · ล็อต ${esc(batch.lot_number)} · ${units.length} ฉลาก · ${pages.length} หน้า</span>
  <button id="print" type="button">พิมพ์</button>
  <a class="button" id="pdf" href="${esc(sheetHref(batch.id, wanted, layout.id, "pdf"))}" download>ดาวน์โหลด PDF</a>
  <nav aria-label="กระดาษฉลาก">กระดาษ:
${LABEL_LAYOUTS.map((l) => `    <a href="${esc(sheetHref(batch.id, wanted, l.id))}"${l.id === layout.id ? ' aria-current="page"' : ""}>${esc(l.name_th)}</a>`).join("\n")}
  </nav>
</header>`
  const html = `<!doctype html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${sheetCss(layout)}</style></head>
<body>
${toolbar}
${sheet}
<script>${PRINT_SCRIPT}</script>
</body></html>`
  // Its own policy: the sheet's inline <style>, inline SVG and the print button's one script (by hash), nothing else.
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${PRINT_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
  )
  res.status(200).type("text/html; charset=utf-8").send(html)
}
