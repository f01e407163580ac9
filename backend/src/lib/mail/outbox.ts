import fs from "node:fs/promises"
import path from "node:path"
import { simpleParser } from "mailparser"
import { invalid, notFound } from "../errors"
import { readMailSettings } from "./settings"

export type OutboxEntry = { file: string; subject: string; to: string; template: string | null; date: string; size: number }

const FILE = /^[A-Za-z0-9_.-]+\.eml$/

/** The .eml files the "mail" provider wrote without SMTP settings, newest first (at most `limit`). */
export async function listOutbox(limit = 200): Promise<{ smtp: boolean; dir: string; messages: OutboxEntry[] }> {
  const settings = readMailSettings()
  let names: string[] = []
  try {
    names = (await fs.readdir(settings.outboxDir)).filter((n) => FILE.test(n))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err
  }
  names.sort().reverse()
  const messages = await Promise.all(
    names.slice(0, limit).map(async (file) => {
      const full = path.join(settings.outboxDir, file)
      const [raw, stat] = await Promise.all([fs.readFile(full), fs.stat(full)])
      const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "")
      const template = mail.headers.get("x-mae-mok-template")
      return {
        file,
        subject: mail.subject ?? "",
        to,
        template: typeof template === "string" ? template : null,
        date: (mail.date ?? stat.mtime).toISOString(),
        size: stat.size,
      }
    })
  )
  return { smtp: settings.smtp !== null, dir: settings.outboxDir, messages }
}

/** One outbox message: its headers, HTML and plain text, for the admin to read. */
export async function readOutboxMessage(file: string) {
  if (!FILE.test(file)) throw invalid({ code: "OUTBOX_FILE_INVALID", message: "Not an outbox file name", message_th: "ชื่อไฟล์อีเมลไม่ถูกต้อง" })
  const full = path.join(readMailSettings().outboxDir, file)
  let raw: Buffer
  try {
    raw = await fs.readFile(full)
  } catch {
    throw notFound({ en: "Outbox message", th: "อีเมล" }, file)
  }
  const mail = await simpleParser(raw)
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "")
  return { file, subject: mail.subject ?? "", to, from: mail.from?.text ?? "", date: mail.date?.toISOString() ?? null, html: mail.html || null, text: mail.text ?? "" }
}
