import crypto from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { invalid, notAllowed } from "../errors"
import { readEnv } from "../env"

/**
 * E-mail verification of customer accounts (docs/decisions/0053-e-mail-verification.md). The link carries
 * `<customer id>.<random secret>`; the customer's metadata keeps only the secret's SHA-256 and its expiry, so a
 * database reader cannot verify for anyone, and the secret is dropped on use: the same link is refused after.
 * A new link (resend) replaces the old one. What an unverified account may do is decided in the decision: all of it.
 */

/** How long a verification link works. */
export const VERIFICATION_HOURS = 48

type Pending = { hash: string; expires_at: string; sent: number }
type CustomerRow = { id: string; email: string; has_account: boolean; metadata: Record<string, unknown> | null }

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex")

function pendingOf(metadata: Record<string, unknown> | null): Pending | null {
  const p = metadata?.email_verification as Partial<Pending> | null | undefined
  return p && typeof p.hash === "string" && typeof p.expires_at === "string" ? { hash: p.hash, expires_at: p.expires_at, sent: Number(p.sent ?? 1) } : null
}

/** The verified state as the account page shows it: the time, or null. */
export function verifiedAt(metadata: Record<string, unknown> | null | undefined): string | null {
  const at = metadata?.email_verified_at
  return typeof at === "string" ? at : null
}

async function customerOf(container: Pick<MedusaContainer, "resolve">, id: string): Promise<CustomerRow | null> {
  const [c] = await container.resolve(Modules.CUSTOMER).listCustomers({ id }, { select: ["id", "email", "has_account", "metadata"] })
  return (c as CustomerRow | undefined) ?? null
}

async function writeMetadata(container: Pick<MedusaContainer, "resolve">, customer: CustomerRow, changes: Record<string, unknown>) {
  // Medusa replaces metadata as a whole: the customer's other keys are carried over.
  await container.resolve(Modules.CUSTOMER).updateCustomers(customer.id, { metadata: { ...(customer.metadata ?? {}), ...changes } })
}

/**
 * Makes a verification link for the account and mails it. `first`: the registration's mail, sent once however
 * often customer.created is delivered (nothing if a link exists already or the address is verified). Otherwise a
 * resend (the route throttles it). Returns what happened.
 */
export async function sendVerification(container: MedusaContainer, customerId: string, first: boolean): Promise<"sent" | "verified" | "skipped"> {
  const customer = await customerOf(container, customerId)
  if (!customer || !customer.has_account || !customer.email) return "skipped"
  if (verifiedAt(customer.metadata)) return "verified"
  const previous = pendingOf(customer.metadata)
  if (first && previous) return "skipped"
  const secret = crypto.randomBytes(32).toString("base64url")
  const pending: Pending = {
    hash: sha256(secret),
    expires_at: new Date(Date.now() + VERIFICATION_HOURS * 3_600_000).toISOString(),
    sent: (previous?.sent ?? 0) + 1,
  }
  await writeMetadata(container, customer, { email_verification: pending })
  const lang = customer.metadata?.locale === "en" ? "en" : "th"
  const url = `${readEnv().storefrontUrl}${lang === "en" ? "/en" : ""}/account/verify-email?${new URLSearchParams({ token: `${customer.id}.${secret}` })}`
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: customer.email,
      channel: "email",
      template: "email-verification",
      idempotency_key: `email-verification-${customer.id}-${pending.sent}`,
      resource_id: customer.id,
      resource_type: "customer",
      data: { lang, verify_url: url, hours: VERIFICATION_HOURS },
    })
  } catch (err) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`email-verification: mail failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
  }
  return "sent"
}

const BAD_LINK = {
  code: "VERIFICATION_LINK_INVALID",
  message: "This verification link is not valid or was used already. Sign in and ask for a new one on your account page.",
  message_th: "ลิงก์ยืนยันอีเมลนี้ไม่ถูกต้องหรือถูกใช้ไปแล้ว เข้าสู่ระบบแล้วขอลิงก์ใหม่ได้ที่หน้าบัญชีของคุณ",
}

/** Follows a verification link: the account's address is verified and the link is spent. Refusals are 400s. */
export async function verifyEmail(container: MedusaContainer, token: string): Promise<{ verified_at: string }> {
  const [id, secret] = token.split(".")
  if (!id || !secret || !/^cus_[0-9A-Z]{26}$/.test(id)) throw invalid(BAD_LINK)
  const customer = await customerOf(container, id)
  const pending = customer ? pendingOf(customer.metadata) : null
  if (!customer || !pending) throw invalid(BAD_LINK)
  const given = Buffer.from(sha256(secret), "hex")
  const stored = Buffer.from(pending.hash, "hex")
  if (given.length !== stored.length || !crypto.timingSafeEqual(given, stored)) throw invalid(BAD_LINK)
  if (new Date(pending.expires_at).getTime() < Date.now()) {
    throw notAllowed({
      code: "VERIFICATION_LINK_EXPIRED",
      message: `This verification link is older than ${VERIFICATION_HOURS} hours. Sign in and ask for a new one on your account page.`,
      message_th: `ลิงก์ยืนยันอีเมลนี้เกิน ${VERIFICATION_HOURS} ชั่วโมงแล้ว เข้าสู่ระบบแล้วขอลิงก์ใหม่ได้ที่หน้าบัญชีของคุณ`,
    })
  }
  const verified_at = new Date().toISOString()
  await writeMetadata(container, customer, { email_verification: null, email_verified_at: verified_at })
  return { verified_at }
}
