import { z } from "@medusajs/framework/zod"

// Request bodies of the store provenance API (docs/api/provenance.md). The link parts are checked by the
// core's Digital Link parser per scan (a bad one is that scan's 400), so here only their size is bounded.
const part = (max: number) => z.string().min(1).max(max)

export const ScanBatch = z
  .object({
    scans: z
      .array(z.object({ gtin: part(20), lot: part(80), serial: part(80), client_ip: z.string().min(1).max(64) }).strict())
      .min(1)
      .max(100),
  })
  .strict()
export type ScanBatch = z.infer<typeof ScanBatch>

/** Optional free text: trimmed, empty as null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v == null || v.trim() === "" ? null : v.trim()))

export const LabelReportBody = z
  .object({
    gtin: part(20),
    lot: part(80),
    serial: part(80).nullish().transform((v) => v ?? null),
    reason: z.enum(["unknown_code", "many_scans", "label_looks_different", "bought_unsealed", "other"]),
    message: z
      .string()
      .max(1000)
      .transform((v) => v.trim())
      .refine((v) => v.length > 0, { message: "message is required" }),
    where_bought: optionalText(200),
    contact: optionalText(200),
  })
  .strict()
export type LabelReportBody = z.infer<typeof LabelReportBody>
