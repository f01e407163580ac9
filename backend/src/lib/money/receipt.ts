import { bahttext } from "bahttext"
import { bangkokCalendarDate, formatBaht, type LedgerEntry } from "@mae-mok/traceability"
import { STORE_NAME } from "../seed/catalogue"
import { thaiFontCss } from "../pdf/thai-font"
import { escapeHtml, methodTh, thaiDate } from "./statement"

export type ReceiptHousehold = { code: string; alias: string; given_name: string | null; family_name: string | null; address: string | null; village: string; tambon: string; amphoe: string; province: string }

/**
 * ใบสำคัญรับเงิน: the household's receipt for one payment, an A4 printable page (its PDF is this page printed
 * by Chromium, lib/pdf/html-to-pdf.ts), with the amount in Thai words and signature lines for the household
 * (ผู้รับเงิน) and the member who paid (ผู้จ่ายเงิน).
 */
export function receiptHtml(payment: LedgerEntry, household: ReceiptHousehold): string {
  if (payment.kind !== "payment" || payment.source.type !== "payout") throw new Error("a receipt is for a payment entry")
  const src = payment.source
  const amount = -payment.satang
  const name = [household.given_name, household.family_name].filter(Boolean).join(" ") || household.alias
  const place = `${household.address ? `${household.address} ` : ""}บ้าน${household.village.replace(/^บ้าน/, "")} ต.${household.tambon} อ.${household.amphoe} จ.${household.province}`
  const e = escapeHtml
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ใบสำคัญรับเงิน ${e(src.receiptNumber ?? "")}</title>
<style>${thaiFontCss()}
@page{size:A4;margin:20mm}
body{font-family:Sarabun,sans-serif;font-size:15pt;line-height:1.6;color:#000}
h1{text-align:center;font-size:22pt;margin:0 0 4mm}
.org{text-align:center;margin-bottom:8mm}
.meta{display:flex;justify-content:space-between}
.amount{font-size:18pt;font-weight:700}
table{width:100%;border-collapse:collapse;margin:6mm 0}
td,th{border:1px solid #000;padding:2mm 3mm;text-align:left}
td.num{text-align:right}
.sign{display:flex;justify-content:space-between;margin-top:22mm;text-align:center}
.sign div{width:45%}
.line{border-bottom:1px dotted #000;height:12mm;margin-bottom:2mm}
</style></head><body>
<h1>ใบสำคัญรับเงิน</h1>
<div class="org">${e(STORE_NAME)}</div>
<div class="meta"><span>เลขที่ <strong data-receipt-number>${e(src.receiptNumber ?? "-")}</strong></span><span>วันที่ ${e(thaiDate(bangkokCalendarDate(payment.bookedAt)))}</span></div>
<p>ข้าพเจ้า <strong>${e(name)}</strong> (ครัวเรือน ${e(household.code)}) ที่อยู่ ${e(place)}</p>
<p>ได้รับเงินจาก ${e(STORE_NAME)} ดังรายการต่อไปนี้</p>
<table><thead><tr><th>รายการ</th><th>จำนวนเงิน (บาท)</th></tr></thead>
<tbody><tr><td>ค่ารับซื้อผลผลิตสมุนไพรและส่วนแบ่งรายได้จากการขาย</td><td class="num">${e(formatBaht(amount))}</td></tr></tbody></table>
<p class="amount">รวมเป็นเงิน ${e(formatBaht(amount))} (${e(bahttext(amount / 100))})</p>
<p>ชำระโดย ${e(methodTh(src.method))}${src.paidByName ? ` ผู้จ่ายเงิน ${e(src.paidByName)}` : ""}</p>
<div class="sign">
<div><div class="line"></div>ลงชื่อ ผู้รับเงิน<br>(${e(name)})</div>
<div><div class="line"></div>ลงชื่อ ผู้จ่ายเงิน<br>(${e(src.paidByName ?? "..............................")})</div>
</div>
</body></html>`
}
