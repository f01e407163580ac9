import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { json2csv } from "json-2-csv"
import { batchBuyers, decodeCursor, forwardTracePage } from "../../../../../lib/fulfilment/forward-trace"
import { traceability } from "../../../../../lib/traceability/service"
import { found, validQuery } from "../../../helpers"
import { TracePage } from "../../../validators"

// GET /admin/batches/:id/orders — forward trace: the exact orders, lines, units and buyers of the batch, from the
// units packed or allocated to them (issue 12). JSON in keyset pages (?limit, ?after = the previous `next`);
// ?format=csv gives the whole buyer list, one order a line, in Thai (the recall phone list; UTF-8 with BOM so
// Excel reads the Thai).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = await validQuery(req, TracePage)
  const [batch] = await traceability(req.scope).listBatches({ id: req.params.id }, { select: ["id", "lot_number", "status"] })
  found(batch, "Batch", req.params.id)
  if (query.format === "csv") {
    const buyers = await batchBuyers(req.scope, batch!.id)
    const csv = json2csv(
      buyers.map((b) => ({
        "เลขที่คำสั่งซื้อ": b.display_id ?? b.order_id,
        "วันที่สั่งซื้อ": b.ordered_at ? new Date(b.ordered_at).toLocaleDateString("th-TH", { timeZone: "Asia/Bangkok" }) : "",
        "ชื่อผู้ซื้อ": b.customer_name ?? "",
        "โทรศัพท์": b.phone ?? "",
        "อีเมล": b.email ?? "",
        "จังหวัด": b.province ?? "",
        "สินค้า": b.product ?? "",
        "จำนวนชิ้น": b.units,
        "หมายเลขชิ้น": b.serials.join(" "),
        "วิธีบันทึก": [b.scanned ? "สแกนแล้ว" : null, b.allocated_fifo ? "จัดสรรอัตโนมัติ ไม่ได้สแกน" : null].filter(Boolean).join(", "),
      })),
      { emptyFieldValue: "", excelBOM: true, preventCsvInjection: true }
    )
    res.setHeader("content-type", "text/csv; charset=utf-8")
    res.setHeader("content-disposition", `attachment; filename="recall-${encodeURIComponent(batch!.lot_number)}.csv"`)
    res.setHeader("cache-control", "no-store")
    return void res.send(csv)
  }
  const page = await forwardTracePage(req.scope, batch!.id, query.limit ?? 100, decodeCursor(query.after))
  res.json({ batch: { id: batch!.id, lot_number: batch!.lot_number, status: batch!.status }, orders: page.rows, next: page.next })
}
