import type { MailSettings } from "../settings"
import { baht, button, esc, frame, para, table, type Lang, type Rendered } from "./layout"

/** What the order messages say about an order; built by lib/mail/order-data.ts from Medusa's order. */
export type OrderMailData = {
  lang: Lang
  order_id: string
  display_id: number
  order_url: string
  items: { title: string; quantity: number; total: number }[]
  shipping_total: number
  total: number
  address: string[]
  /** bank_transfer / cod: Medusa's manual provider, told apart by the buyer's choice; promptpay; card. */
  payment: "bank_transfer" | "cod" | "promptpay" | "card"
}

export type PasswordResetData = { lang: Lang; reset_url: string; minutes: number }

type Templates = {
  "order-placed": OrderMailData
  "shop-new-order": OrderMailData & { admin_url: string }
  "password-reset": PasswordResetData
}
export type TemplateName = keyof Templates
export const TEMPLATE_NAMES = ["order-placed", "shop-new-order", "password-reset"] as const satisfies readonly TemplateName[]

const T = {
  th: {
    order: "คำสั่งซื้อ",
    thanks: "ขอบคุณที่สั่งซื้อสินค้าจากเรา",
    items: "รายการ",
    shipping: "ค่าจัดส่ง",
    total: "ยอดรวม",
    address: "ที่อยู่จัดส่ง",
    view: "ดูคำสั่งซื้อ",
    transferTitle: "โอนเงินเข้าบัญชี",
    bank: "ธนาคาร",
    accountName: "ชื่อบัญชี",
    accountNumber: "เลขที่บัญชี",
    amount: "ยอดที่ต้องโอน (ตรงตามนี้)",
    slip: "เมื่อโอนแล้ว กรุณาส่งสลิปการโอนที่หน้าคำสั่งซื้อ (ปุ่มด้านล่าง) หรือทาง LINE ของกลุ่ม พร้อมเลขคำสั่งซื้อ เราจะจัดส่งเมื่อได้รับเงิน",
    noBank: "กลุ่มจะแจ้งเลขบัญชีให้ทางโทรศัพท์หรือ LINE",
    cod: "ชำระเงินปลายทาง: เตรียมเงินสดตามยอดรวมไว้จ่ายเมื่อได้รับสินค้า",
    promptpay: "ชำระด้วยพร้อมเพย์: สแกน QR ที่หน้าคำสั่งซื้อตามยอดรวม",
    card: "ชำระด้วยบัตรแล้ว",
  },
  en: {
    order: "Order",
    thanks: "Thank you for your order",
    items: "Items",
    shipping: "Shipping",
    total: "Total",
    address: "Delivery address",
    view: "View your order",
    transferTitle: "Pay by bank transfer",
    bank: "Bank",
    accountName: "Account name",
    accountNumber: "Account number",
    amount: "Amount to transfer (exactly)",
    slip: "Once you have paid, send the transfer slip on your order page (button below) or to the group's LINE with your order number. We ship when the money arrives.",
    noBank: "The group will give you the account number by phone or LINE.",
    cod: "Cash on delivery: have the total ready in cash when the parcel arrives.",
    promptpay: "Pay with PromptPay: scan the QR on your order page for the total.",
    card: "Paid by card.",
  },
}

function orderBody(d: OrderMailData, s: MailSettings, t: (typeof T)["th"]): string {
  const rows: [string, string][] = d.items.map((i) => [`${esc(i.title)} × ${esc(i.quantity)}`, esc(baht(i.total))])
  rows.push([esc(t.shipping), esc(baht(d.shipping_total))], [`<b>${esc(t.total)}</b>`, `<b>${esc(baht(d.total))}</b>`])
  let payment: string
  if (d.payment === "bank_transfer") {
    payment = s.bank
      ? `<mj-text font-weight="bold">${esc(t.transferTitle)}</mj-text>` +
        table([
          [esc(t.bank), esc(s.bank.bankName)],
          [esc(t.accountName), esc(s.bank.accountName)],
          [esc(t.accountNumber), `<b>${esc(s.bank.accountNumber)}</b>`],
          [esc(t.amount), `<b>${esc(baht(d.total))}</b>`],
        ]) +
        para(esc(t.slip))
      : para(`${esc(t.transferTitle)}: ${esc(baht(d.total))}. ${esc(t.noBank)}`)
  } else {
    payment = para(esc(t[d.payment]))
  }
  return (
    `<mj-text font-weight="bold">${esc(t.items)}</mj-text>` +
    table(rows) +
    payment +
    para(`<b>${esc(t.address)}</b><br />${d.address.map(esc).join("<br />")}`) +
    button(t.view, d.order_url)
  )
}

type Renderer<K extends TemplateName> = (data: Templates[K], settings: MailSettings) => Promise<Rendered>

const renderers: { [K in TemplateName]: Renderer<K> } = {
  "order-placed": (d, s) => {
    const t = T[d.lang]
    const subject = d.lang === "th" ? `ได้รับคำสั่งซื้อ #${d.display_id} แล้ว` : `Order #${d.display_id} received`
    return frame(s, d.lang, subject, para(`<b>${esc(t.thanks)}</b> — ${esc(t.order)} #${esc(d.display_id)}`) + orderBody(d, s, t))
  },
  // To the group: always Thai, with the way into the admin.
  "shop-new-order": (d, s) => {
    const t = T.th
    const how = { bank_transfer: "โอนเงิน (รอสลิป)", cod: "เก็บเงินปลายทาง", promptpay: "พร้อมเพย์", card: "บัตร" }[d.payment]
    const subject = `คำสั่งซื้อใหม่ #${d.display_id} · ${baht(d.total)} · ${how}`
    return frame(
      s,
      "th",
      subject,
      para(`มีคำสั่งซื้อใหม่ #${esc(d.display_id)} ชำระแบบ <b>${esc(how)}</b>`) + orderBody({ ...d, order_url: d.admin_url }, s, t)
    )
  },
  "password-reset": (d, s) => {
    const th = d.lang === "th"
    const subject = th ? "ตั้งรหัสผ่านใหม่" : "Reset your password"
    const body =
      para(
        th
          ? `มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชีนี้ ลิงก์ใช้ได้ครั้งเดียวภายใน ${d.minutes} นาที หากคุณไม่ได้ขอ ไม่ต้องทำอะไร`
          : `Someone asked to reset the password of this account. The link works once, within ${d.minutes} minutes. If it was not you, do nothing.`
      ) + button(th ? "ตั้งรหัสผ่านใหม่" : "Choose a new password", d.reset_url)
    return frame(s, d.lang, subject, body)
  },
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name)
}

export function renderMail<K extends TemplateName>(template: K, data: Templates[K], settings: MailSettings): Promise<Rendered> {
  return (renderers[template] as Renderer<K>)(data, settings)
}
