import path from "node:path"

/**
 * Everything the mail path reads from the environment (README, Settings: E-mail). Without SMTP settings mail is
 * not sent but written as .eml files to the outbox folder, which the admin lists ("อีเมลที่ส่ง").
 */
export type MailSettings = {
  /** nodemailer's SMTP settings: SMTP_URL, or SMTP_HOST / SMTP_PORT / SMTP_USER / SMTP_PASSWORD; null: the outbox only. */
  smtp: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } | null
  /** The sender, e.g. `"วิสาหกิจชุมชนแม่หมอก" <shop@example.com>`. MAIL_FROM. */
  from: string
  /** Where .eml files go without SMTP. MAIL_OUTBOX_DIR, else <data folder>/outbox. */
  outboxDir: string
  /** The group's own address for new-order, low-stock and certificate mail. SHOP_EMAIL (falls back to MAIL_FROM's address). */
  shopEmail: string
  shopName: { th: string; en: string }
  /** Footer contact: SHOP_PHONE, SHOP_LINE. */
  phone: string | null
  line: string | null
  /** The group's account for bank transfers: BANK_NAME, BANK_ACCOUNT_NAME, BANK_ACCOUNT_NUMBER. */
  bank: { bankName: string; accountName: string; accountNumber: string } | null
}

function clean(value: string | undefined): string | null {
  const v = value?.trim()
  return v ? v : null
}

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from
}

export function readMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  let smtp: MailSettings["smtp"] = null
  const smtpUrl = clean(env.SMTP_URL)
  if (smtpUrl) {
    if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`)
    smtp = smtpUrl
  } else if (clean(env.SMTP_HOST)) {
    const port = Number(env.SMTP_PORT || 587)
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMTP_PORT must be a TCP port number, got "${env.SMTP_PORT}"`)
    const user = clean(env.SMTP_USER)
    smtp = {
      host: clean(env.SMTP_HOST)!,
      port,
      secure: port === 465,
      ...(user ? { auth: { user, pass: env.SMTP_PASSWORD ?? "" } } : {}),
    }
  }
  const from = clean(env.MAIL_FROM) ?? '"วิสาหกิจชุมชนแม่หมอก" <shop@maemok.local>'
  const dataDir = env.MAE_MOK_DATA_DIR ? path.resolve(env.MAE_MOK_DATA_DIR) : path.resolve(process.cwd(), ".data")
  const bankName = clean(env.BANK_NAME)
  const accountName = clean(env.BANK_ACCOUNT_NAME)
  const accountNumber = clean(env.BANK_ACCOUNT_NUMBER)
  const someBank = bankName || accountName || accountNumber
  if (someBank && !(bankName && accountName && accountNumber)) {
    throw new Error("BANK_NAME, BANK_ACCOUNT_NAME and BANK_ACCOUNT_NUMBER go together: set all three or none")
  }
  return {
    smtp,
    from,
    outboxDir: clean(env.MAIL_OUTBOX_DIR) ? path.resolve(env.MAIL_OUTBOX_DIR!) : path.join(dataDir, "outbox"),
    shopEmail: clean(env.SHOP_EMAIL) ?? addressOf(from),
    shopName: { th: clean(env.SHOP_NAME) ?? "วิสาหกิจชุมชนแม่หมอก", en: clean(env.SHOP_NAME_EN) ?? "Mae Mok Community Enterprise" },
    phone: clean(env.SHOP_PHONE),
    line: clean(env.SHOP_LINE),
    bank: bankName && accountName && accountNumber ? { bankName, accountName, accountNumber } : null,
  }
}
