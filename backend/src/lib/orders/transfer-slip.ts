import crypto from "node:crypto"
import fs from "node:fs/promises"
import path from "node:path"
import type { IncomingMessage } from "node:http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AppError, invalid, notAllowed } from "../errors"

/**
 * Bank-transfer slips (docs/decisions/0054-transfer-slips.md): an image the buyer uploads for their order, kept in
 * the data folder (<MAE_MOK_DATA_DIR>/slips/<order id>/, files mode 0600) and never served publicly: only the
 * admin route streams it. The type is read from the file's first bytes, not from its name or the header.
 */

/** The largest slip: a phone's screenshot or photo of a slip is well under this. */
export const MAX_SLIP_BYTES = 5 * 1024 * 1024

export type SlipType = { ext: "jpg" | "png" | "webp"; contentType: "image/jpeg" | "image/png" | "image/webp" }

/** JPEG, PNG or WebP by magic bytes; anything else is null. */
export function slipTypeOf(bytes: Buffer): SlipType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ext: "jpg", contentType: "image/jpeg" }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: "png", contentType: "image/png" }
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    return { ext: "webp", contentType: "image/webp" }
  }
  return null
}

export function slipsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env.MAE_MOK_DATA_DIR ? path.resolve(env.MAE_MOK_DATA_DIR) : path.resolve(process.cwd(), ".data")
  return path.join(dataDir, "slips")
}

const TOO_LARGE = () =>
  new AppError(
    "not_allowed",
    {
      code: "SLIP_TOO_LARGE",
      message: `The slip is larger than ${MAX_SLIP_BYTES / 1024 / 1024} MB. Send a screenshot or a smaller photo.`,
      message_th: `ไฟล์สลิปใหญ่เกิน ${MAX_SLIP_BYTES / 1024 / 1024} MB โปรดส่งภาพหน้าจอหรือภาพที่เล็กกว่านี้`,
    },
    { status: 413 }
  )

/** The request body, up to MAX_SLIP_BYTES (413 beyond, without reading the rest). */
export async function readSlipBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN)
  if (Number.isFinite(declared) && declared > MAX_SLIP_BYTES) throw TOO_LARGE()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_SLIP_BYTES) throw TOO_LARGE()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Only a bank-transfer order takes a slip (not cash on delivery, PromptPay or card). */
async function requireBankTransfer(container: Pick<MedusaContainer, "resolve">, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "metadata", "payment_collections.payment_sessions.provider_id"], filters: { id: orderId } })
  const order = data[0] as { id: string; metadata?: Record<string, unknown> | null; payment_collections?: ({ payment_sessions?: ({ provider_id?: string | null } | null)[] | null } | null)[] | null } | undefined
  const providers = (order?.payment_collections ?? []).flatMap((pc) => (pc?.payment_sessions ?? []).map((s) => s?.provider_id ?? ""))
  const transfer = order && order.metadata?.payment_choice !== "cod" && providers.length > 0 && providers.every((p) => p === "pp_system_default")
  if (!transfer) {
    throw notAllowed({ code: "NOT_BANK_TRANSFER", message: "Only a bank-transfer order takes a transfer slip", message_th: "แนบสลิปได้เฉพาะคำสั่งซื้อที่ชำระด้วยการโอนเงิน" })
  }
}

/** Keeps the slip for the order (the access check is done by the route's middleware). */
export async function saveSlip(container: Pick<MedusaContainer, "resolve">, orderId: string, bytes: Buffer): Promise<{ content_type: string; size: number; uploaded_at: string }> {
  if (bytes.length === 0) throw invalid({ code: "SLIP_MISSING", message: "Choose the slip's image file", message_th: "โปรดเลือกไฟล์ภาพสลิป" })
  const type = slipTypeOf(bytes)
  if (!type) {
    throw new AppError(
      "invalid_data",
      { code: "SLIP_NOT_AN_IMAGE", message: "The slip must be a JPEG, PNG or WebP image", message_th: "สลิปต้องเป็นไฟล์ภาพ JPEG, PNG หรือ WebP" },
      { status: 415 }
    )
  }
  await requireBankTransfer(container, orderId)
  const dir = path.join(slipsDir(), orderId)
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const uploaded_at = new Date().toISOString()
  // Written under a temporary name and renamed: the admin never sees half a file.
  const name = `${uploaded_at.replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.${type.ext}`
  const tmp = path.join(dir, `.${name}.part`)
  await fs.writeFile(tmp, bytes, { mode: 0o600 })
  await fs.rename(tmp, path.join(dir, name))
  return { content_type: type.contentType, size: bytes.length, uploaded_at }
}

/** The order's slips, newest first (name starts with the upload time). */
export async function listSlips(orderId: string): Promise<{ file: string; size: number; uploaded_at: string; content_type: string }[]> {
  if (!/^order_[0-9A-Z]{26}$/.test(orderId)) return []
  const dir = path.join(slipsDir(), orderId)
  const names = await fs.readdir(dir).catch(() => [] as string[])
  const out = []
  for (const file of names.filter((n) => /^[0-9TZ-]+-[0-9a-f]{8}\.(jpg|png|webp)$/.test(n)).sort().reverse()) {
    const stat = await fs.stat(path.join(dir, file))
    const ext = file.split(".").pop()!
    out.push({ file, size: stat.size, uploaded_at: stat.mtime.toISOString(), content_type: ext === "jpg" ? "image/jpeg" : `image/${ext}` })
  }
  return out
}

export async function readSlip(orderId: string, file: string): Promise<Buffer | null> {
  const known = (await listSlips(orderId)).find((s) => s.file === file)
  return known ? fs.readFile(path.join(slipsDir(), orderId, known.file)) : null
}
