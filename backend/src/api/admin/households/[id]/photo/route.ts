import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PhotoError, stripPhotoMetadata } from "@mae-mok/traceability"
import { AppError, invalid } from "../../../../../lib/errors"
import { traceability } from "../../../../../lib/traceability/service"
import { actorId, found } from "../../../helpers"
import { householdResponse } from "../../household-response"

/** A phone photo shrunk by the admin form is ~100–300 KB; an unshrunk one from a script may be a few MB. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024

async function load(req: MedusaRequest) {
  const [h] = await traceability(req.scope).listHouseholds({ id: req.params.id })
  return found(h, "Household", req.params.id)
}

/** 413 (no Medusa type has it): thrown to the API's error handler; the connection closes, as the rest was not read. */
function tooLarge(res: MedusaResponse): AppError {
  res.setHeader("Connection", "close")
  const mb = MAX_PHOTO_BYTES / 1024 / 1024
  const refusal = { code: "PHOTO_TOO_LARGE", message: `The photo is larger than ${mb} MB; send a smaller one.`, message_th: `รูปภาพใหญ่เกิน ${mb} MB กรุณาเลือกรูปที่เล็กลง` }
  return new AppError(MedusaError.Types.INVALID_DATA, refusal, { status: 413 })
}

/** The request body, or null once it passes MAX_PHOTO_BYTES (the rest is not read). */
async function body(req: MedusaRequest): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_PHOTO_BYTES) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as unknown as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_PHOTO_BYTES) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

// GET /admin/households/:id/photo — the photo whatever the consent (admin only; never cached).
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const h = await load(req)
  const photo = await traceability(req.scope).findHouseholdPhoto(h.id)
  res.setHeader("Cache-Control", "private, no-store")
  if (!photo) throw new AppError(MedusaError.Types.NOT_FOUND, { code: "NO_PHOTO", message: `Household ${h.code} has no photo`, message_th: "ครัวเรือนนี้ยังไม่มีรูปภาพ" })
  res.setHeader("Content-Type", photo.content_type)
  res.status(200).end(photo.data)
}

/**
 * POST /admin/households/:id/photo — the photo itself as the body (Content-Type image/jpeg or image/png, at most
 * MAX_PHOTO_BYTES). Its metadata (EXIF GPS position, camera, time) is removed before it is stored; it replaces
 * any earlier photo under a new random name. Public only with the household's photo consent.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const h = await load(req)
  if (!req.is(["image/jpeg", "image/png"])) {
    const refusal = {
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `Send the photo itself as the body, with Content-Type image/jpeg or image/png, not ${req.headers["content-type"] || "without a Content-Type"}.`,
      message_th: "กรุณาส่งรูปภาพแบบ JPEG หรือ PNG",
    }
    throw new AppError(MedusaError.Types.INVALID_DATA, refusal, { status: 415 })
  }
  const bytes = await body(req)
  if (!bytes) throw tooLarge(res)
  let photo: ReturnType<typeof stripPhotoMetadata>
  try {
    photo = stripPhotoMetadata(bytes)
  } catch (err) {
    if (!(err instanceof PhotoError)) throw err
    throw invalid({ code: "NOT_A_PHOTO", message: `The body is not a JPEG or PNG photo (${err.message}).`, message_th: "ไฟล์นี้ไม่ใช่รูปภาพ JPEG หรือ PNG" })
  }
  const service = traceability(req.scope)
  await service.setHouseholdPhoto(h.id, { content_type: photo.type, data: Buffer.from(photo.bytes) }, actorId(req))
  res.json({ household: householdResponse((await load(req)) as never) })
}

// DELETE /admin/households/:id/photo — removes the photo (its bytes too).
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const h = await load(req)
  await traceability(req.scope).removeHouseholdPhoto(h.id, actorId(req))
  res.json({ household: householdResponse((await load(req)) as never) })
}
