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
  /** Native PromptPay: the QR's payload for the exact total (the provider attaches its image as cid:promptpay-qr). */
  promptpay?: { payload: string; amount: number } | null
}

/** The Content-ID of the PromptPay QR image attached to the order mail. */
export const PROMPTPAY_QR_CID = "promptpay-qr@maemok"

export type PasswordResetData = { lang: Lang; reset_url: string; minutes: number }

/** A new account's address: the single-use link through the storefront (lib/auth/email-verification.ts). */
export type EmailVerificationData = { lang: Lang; verify_url: string; hours: number }

/** To the group: variants whose stock fell to the threshold or below. */
export type LowStockData = { threshold: number; variants: { title: string; sku: string | null; available: number }[]; admin_url: string }

/** To the group: a plot certificate near its last valid day. */
export type CertificateExpiringData = {
  scheme: string
  certificate_number: string
  certifying_body: string
  valid_until: string
  plot_code: string
  admin_url: string
}

/** The short order messages: payment confirmed, shipped, cancelled. */
export type OrderEventData = {
  lang: Lang
  display_id: number
  order_url: string
  total: number
  /** shipped: the carrier's tracking number and its tracking page (Thailand Post). */
  tracking_number?: string | null
  tracking_url?: string | null
  /** cancelled: unpaid (an unconfirmed transfer past its time) or cancelled by the group. */
  unpaid?: boolean
}

/** To a buyer of a recalled batch: their orders with units of it (lib/mail/recall.ts). */
export type RecallNoticeData = {
  lang: Lang
  lot_number: string
  reason: string | null
  orders: { display_id: number; order_url: string; items: { title: string; units: number }[] }[]
}

type Templates = {
  "order-placed": OrderMailData
  "shop-new-order": OrderMailData & { admin_url: string }
  "password-reset": PasswordResetData
  "payment-confirmed": OrderEventData
  "order-shipped": OrderEventData
  "order-canceled": OrderEventData
  "shop-low-stock": LowStockData
  "shop-certificate-expiring": CertificateExpiringData
  "recall-notice": RecallNoticeData
  "email-verification": EmailVerificationData
}
export type TemplateName = keyof Templates
export const TEMPLATE_NAMES = ["order-placed", "shop-new-order", "password-reset", "payment-confirmed", "order-shipped", "order-canceled", "shop-low-stock", "shop-certificate-expiring", "recall-notice", "email-verification"] as const satisfies readonly TemplateName[]

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
    promptpayQr: "สแกน QR นี้ด้วยแอปธนาคาร ยอดเงินตรงกับยอดรวม",
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
    slip: "Once you have paid, send the transfer slip from your order page (the button below), or to the group's LINE with your order number. We ship when the money arrives.",
    noBank: "The group will give you the account number by phone or LINE.",
    cod: "Cash on delivery: have the total ready in cash when the parcel arrives.",
    promptpay: "Pay with PromptPay: scan the QR on your order page for the total.",
    promptpayQr: "Scan this QR with your banking app: the amount is the order's total.",
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
  } else if (d.payment === "promptpay" && d.promptpay) {
    payment =
      para(`<b>${esc(t.promptpayQr)}</b> ${esc(baht(d.promptpay.amount))}`) +
      `<mj-image src="cid:${PROMPTPAY_QR_CID}" alt="PromptPay QR ${esc(baht(d.promptpay.amount))}" width="240px" />`
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

const E = {
  th: {
    paid: (n: number) => `ได้รับชำระเงินคำสั่งซื้อ #${n} แล้ว`,
    paidBody: "เราได้รับเงินของคุณแล้ว กลุ่มจะแพ็กและจัดส่งสินค้าให้เร็วที่สุด",
    shipped: (n: number) => `คำสั่งซื้อ #${n} จัดส่งแล้ว`,
    shippedBody: "สินค้าของคุณออกเดินทางแล้ว ติดตามพัสดุได้ด้วยเลขนี้กับไปรษณีย์ไทย",
    tracking: "เลขพัสดุ",
    track: "ติดตามพัสดุ",
    canceled: (n: number) => `คำสั่งซื้อ #${n} ถูกยกเลิก`,
    unpaidBody: "คำสั่งซื้อนี้ถูกยกเลิกเพราะยังไม่ได้รับชำระเงินภายในเวลาที่กำหนด สินค้าถูกคืนเข้าคลังแล้ว หากคุณโอนเงินแล้ว โปรดติดต่อกลุ่มพร้อมสลิป",
    canceledBody: "กลุ่มได้ยกเลิกคำสั่งซื้อนี้ หากมีข้อสงสัยหรือชำระเงินแล้ว โปรดติดต่อกลุ่ม",
    view: "ดูคำสั่งซื้อ",
    total: "ยอดรวม",
  },
  en: {
    paid: (n: number) => `Payment received for order #${n}`,
    paidBody: "We have received your payment. The group will pack and ship your order as soon as it can.",
    shipped: (n: number) => `Order #${n} has shipped`,
    shippedBody: "Your parcel is on its way. Follow it with Thailand Post using this number.",
    tracking: "Tracking number",
    track: "Track the parcel",
    canceled: (n: number) => `Order #${n} was cancelled`,
    unpaidBody: "This order was cancelled because its payment did not arrive in time, and its items went back to stock. If you did pay, please contact the group with your slip.",
    canceledBody: "The group cancelled this order. If you have questions or already paid, please contact the group.",
    view: "View your order",
    total: "Total",
  },
}

const R = {
  th: {
    subject: (lot: string) => `แจ้งเรียกคืนสินค้า ล็อต ${lot}`,
    intro: "กลุ่มได้เรียกคืนสินค้าล็อตหนึ่ง และสินค้าที่คุณได้รับมีชิ้นจากล็อตนี้",
    lot: "ล็อต",
    reason: "เหตุผล",
    order: "คำสั่งซื้อ",
    units: (n: number) => `${n} ชิ้น`,
    todo: "โปรดหยุดใช้สินค้าชิ้นที่มีเลขล็อตนี้บนฉลาก และติดต่อกลุ่มทางโทรศัพท์หรือ LINE ด้านล่าง พร้อมเลขคำสั่งซื้อ กลุ่มจะคืนเงินหรือส่งสินค้าใหม่ให้ ไม่ต้องส่งสินค้าคืนจนกว่ากลุ่มจะแจ้ง",
    view: "ดูคำสั่งซื้อ",
  },
  en: {
    subject: (lot: string) => `Recall notice: lot ${lot}`,
    intro: "The group has recalled a batch, and items you received come from it.",
    lot: "Lot",
    reason: "Reason",
    order: "Order",
    units: (n: number) => `${n} ${n === 1 ? "unit" : "units"}`,
    todo: "Please stop using the items that carry this lot number on their label, and contact the group by phone or LINE (below) with your order number. The group will refund or replace them. Do not send anything back until the group asks you to.",
    view: "View the order",
  },
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
  "email-verification": (d, s) => {
    const th = d.lang === "th"
    const subject = th ? "ยืนยันอีเมลของคุณ" : "Confirm your e-mail address"
    const body =
      para(
        th
          ? `ขอบคุณที่สมัครสมาชิก กดปุ่มด้านล่างเพื่อยืนยันว่าอีเมลนี้เป็นของคุณ ลิงก์ใช้ได้ครั้งเดียวภายใน ${d.hours} ชั่วโมง หากคุณไม่ได้สมัคร ไม่ต้องทำอะไร`
          : `Thank you for creating an account. Press the button to confirm this address is yours. The link works once, within ${d.hours} hours. If you did not sign up, do nothing.`
      ) + button(th ? "ยืนยันอีเมล" : "Confirm my e-mail", d.verify_url)
    return frame(s, d.lang, subject, body)
  },
  "payment-confirmed": (d, s) => {
    const e = E[d.lang]
    return frame(s, d.lang, e.paid(d.display_id), para(esc(e.paidBody)) + table([[esc(e.total), `<b>${esc(baht(d.total))}</b>`]]) + button(e.view, d.order_url))
  },
  "order-shipped": (d, s) => {
    const e = E[d.lang]
    const tracking = d.tracking_number
      ? table([[esc(e.tracking), `<b>${esc(d.tracking_number)}</b>`]]) + (d.tracking_url ? button(e.track, d.tracking_url) : "")
      : ""
    return frame(s, d.lang, e.shipped(d.display_id), para(esc(e.shippedBody)) + tracking + button(e.view, d.order_url))
  },
  "order-canceled": (d, s) => {
    const e = E[d.lang]
    return frame(s, d.lang, e.canceled(d.display_id), para(esc(d.unpaid ? e.unpaidBody : e.canceledBody)) + button(e.view, d.order_url))
  },
  "shop-low-stock": (d, s) => {
    const rows: [string, string][] = d.variants.map((v) => [`${esc(v.title)}${v.sku ? ` (${esc(v.sku)})` : ""}`, `<b>เหลือ ${esc(v.available)}</b>`])
    const subject = `สินค้าใกล้หมด: ${d.variants.map((v) => v.sku ?? v.title).join(", ")}`
    return frame(s, "th", subject, para(`สต็อกเหลือไม่เกิน ${esc(d.threshold)} ชิ้น ควรเตรียมบรรจุเพิ่ม`) + table(rows) + button("เปิดสินค้าในระบบหลังร้าน", d.admin_url))
  },
  "shop-certificate-expiring": (d, s) => {
    const subject = `ใบรับรอง ${d.scheme} ${d.certificate_number} หมดอายุ ${d.valid_until}`
    const body =
      para("ใบรับรองของแปลงปลูกนี้ใกล้หมดอายุ ควรต่ออายุก่อนวันหมดอายุ มิฉะนั้นล็อตจากแปลงนี้จะแสดงว่าไม่มีใบรับรอง") +
      table([
        ["แปลง", esc(d.plot_code)],
        ["มาตรฐาน", esc(d.scheme)],
        ["เลขที่", esc(d.certificate_number)],
        ["ผู้รับรอง", esc(d.certifying_body)],
        ["ใช้ได้ถึง", `<b>${esc(d.valid_until)}</b>`],
      ]) +
      button("เปิดแปลงในระบบหลังร้าน", d.admin_url)
    return frame(s, "th", subject, body)
  },
  "recall-notice": (d, s) => {
    const r = R[d.lang]
    const head: [string, string][] = [[esc(r.lot), `<b>${esc(d.lot_number)}</b>`]]
    if (d.reason) head.push([esc(r.reason), esc(d.reason)])
    const orders = d.orders
      .map(
        (o) =>
          `<mj-text font-weight="bold">${esc(r.order)} #${esc(o.display_id)}</mj-text>` +
          table(o.items.map((i): [string, string] => [esc(i.title), esc(r.units(i.units))])) +
          button(`${r.view} #${o.display_id}`, o.order_url)
      )
      .join("")
    return frame(s, d.lang, r.subject(d.lot_number), para(`<b>${esc(r.intro)}</b>`) + table(head) + para(esc(r.todo)) + orders)
  },
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name)
}

export function renderMail<K extends TemplateName>(template: K, data: Templates[K], settings: MailSettings): Promise<Rendered> {
  return (renderers[template] as Renderer<K>)(data, settings)
}
