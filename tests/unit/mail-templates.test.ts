import { describe, expect, it } from "vitest"
import { retryIsDue } from "../../backend/src/lib/mail/retry"
import { readMailSettings } from "../../backend/src/lib/mail/settings"
import { renderMail, type OrderMailData } from "../../backend/src/lib/mail/templates/messages"

const settings = readMailSettings({
  MAIL_FROM: '"Mae Mok" <shop@maemok.test>',
  SHOP_PHONE: "081-234-5678",
  SHOP_LINE: "@maemok",
  BANK_NAME: "ธ.ก.ส.",
  BANK_ACCOUNT_NAME: "วิสาหกิจชุมชนแม่หมอก",
  BANK_ACCOUNT_NUMBER: "020-1-23456-7",
})

const order: OrderMailData = {
  lang: "th",
  order_id: "order_01",
  display_id: 42,
  order_url: "https://shop.example/order/order_01/confirmed?until=1&sig=x",
  items: [{ title: 'น้ำมันไพล <script>alert("x")</script>', quantity: 2, total: 318 }],
  shipping_total: 60,
  total: 378,
  address: ["สมชาย ใจดี", "99 ถนนพหลโยธิน", "เถิน ลำปาง 52160"],
  payment: "bank_transfer",
}

describe("mail templates (MJML)", () => {
  it("renders the order mail in Thai with the bank details, the exact amount and the footer, HTML and text alike", async () => {
    const mail = await renderMail("order-placed", order, settings)
    expect(mail.subject).toBe("ได้รับคำสั่งซื้อ #42 แล้ว")
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain("020-1-23456-7")
      expect(part).toContain("฿378.00")
      expect(part).toContain("@maemok")
      expect(part).toContain("081-234-5678")
    }
    // Values are escaped: a product title cannot inject markup.
    expect(mail.html).not.toContain("<script>")
    expect(mail.html).toContain("&lt;script&gt;")
    expect(mail.text).toContain(order.order_url)
    // The plain-text part keeps one row per line.
    expect(mail.text).toMatch(/เลขที่บัญชี: 020-1-23456-7\n/)
    expect(mail.text).toMatch(/ค่าจัดส่ง: ฿60\.00\n/)
  })

  it("says cash on delivery without bank details, in English for an English order", async () => {
    const mail = await renderMail("order-placed", { ...order, lang: "en", payment: "cod" }, settings)
    expect(mail.subject).toBe("Order #42 received")
    expect(mail.text).toContain("Cash on delivery")
    expect(mail.text).not.toContain("020-1-23456-7")
  })

  it("refuses half a bank setting", () => {
    expect(() => readMailSettings({ BANK_NAME: "x" })).toThrow(/go together/)
    expect(() => readMailSettings({ SMTP_URL: "http://x" })).toThrow(/smtp:\/\//)
  })
})

describe("mail retry backoff", () => {
  const t0 = new Date("2026-12-02T00:00:00Z")
  const at = (ms: number) => new Date(t0.getTime() + ms)
  it("waits as long as the message has been failing: 30 s at least, an hour at most, three days in all", () => {
    expect(retryIsDue(t0, t0, at(29_000))).toBe(false)
    expect(retryIsDue(t0, t0, at(30_000))).toBe(true)
    expect(retryIsDue(t0, at(120_000), at(200_000))).toBe(false)
    expect(retryIsDue(t0, at(120_000), at(240_000))).toBe(true)
    expect(retryIsDue(t0, at(10 * 3_600_000), at(10 * 3_600_000 + 3_599_000))).toBe(false)
    expect(retryIsDue(t0, at(10 * 3_600_000), at(11 * 3_600_000))).toBe(true)
    expect(retryIsDue(t0, at(71 * 3_600_000), at(73 * 3_600_000))).toBe(false)
  })
})

describe("tracking number of a shipped fulfilment", () => {
  it("reads Medusa's labels first, then the fulfilment's data or metadata, and links Thailand Post numbers", async () => {
    const { trackingOf } = await import("../../backend/src/lib/mail/order-events")
    expect(trackingOf({ labels: [{ tracking_number: "eb 1234 5678 5 th" }] })).toEqual({
      tracking_number: "EB123456785TH",
      tracking_url: "https://track.thailandpost.co.th/?trackNumber=EB123456785TH",
    })
    expect(trackingOf({ labels: [], data: { tracking_number: "EB123456785TH" } }).tracking_number).toBe("EB123456785TH")
    expect(trackingOf({ metadata: { tracking_number: "EB123456785TH" } }).tracking_url).toContain("EB123456785TH")
    // Another carrier: the number as written, a link only if it is https.
    expect(trackingOf({ labels: [{ tracking_number: "KERRY-778899", tracking_url: "javascript:alert(1)" }] })).toEqual({
      tracking_number: "KERRY-778899",
      tracking_url: null,
    })
    expect(trackingOf({ labels: null, data: null })).toEqual({ tracking_number: null, tracking_url: null })
  })

  it("renders the shipped mail with the number and the tracking button", async () => {
    const mail = await renderMail(
      "order-shipped",
      { lang: "th", display_id: 7, order_url: "https://shop.example/o", total: 100, tracking_number: "EB123456785TH", tracking_url: "https://track.thailandpost.co.th/?trackNumber=EB123456785TH" },
      settings
    )
    expect(mail.subject).toBe("คำสั่งซื้อ #7 จัดส่งแล้ว")
    expect(mail.html).toContain('href="https://track.thailandpost.co.th/?trackNumber=EB123456785TH"')
    expect(mail.text).toContain("EB123456785TH")
  })
})

describe("outbox files", () => {
  it("reads only plain .eml names inside the outbox folder", async () => {
    const fs = await import("node:fs")
    const os = await import("node:os")
    const path = await import("node:path")
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-outbox-unit-"))
    const before = process.env.MAIL_OUTBOX_DIR
    process.env.MAIL_OUTBOX_DIR = dir
    try {
      const { listOutbox, readOutboxMessage } = await import("../../backend/src/lib/mail/outbox")
      fs.writeFileSync(path.join(dir, "2026-12-02-order-placed-ab12.eml"), "Subject: =?UTF-8?B?4LiX4LiU4Lil4Lit4LiH?=\r\nTo: a@example.com\r\nX-Mae-Mok-Template: order-placed\r\n\r\nhello\r\n")
      fs.writeFileSync(path.join(dir, "notes.txt"), "not mail")
      const listed = await listOutbox()
      expect(listed.messages.map((m) => [m.file, m.subject, m.to, m.template])).toEqual([["2026-12-02-order-placed-ab12.eml", "ทดลอง", "a@example.com", "order-placed"]])
      expect((await readOutboxMessage("2026-12-02-order-placed-ab12.eml")).text.trim()).toBe("hello")
      for (const bad of ["../secrets.json", "..%2fx.eml", "a/b.eml", "notes.txt", ".."]) {
        await expect(readOutboxMessage(bad)).rejects.toMatchObject({ code: "OUTBOX_FILE_INVALID" })
      }
      await expect(readOutboxMessage("missing.eml")).rejects.toMatchObject({ type: "not_found" })
    } finally {
      if (before === undefined) delete process.env.MAIL_OUTBOX_DIR
      else process.env.MAIL_OUTBOX_DIR = before
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
