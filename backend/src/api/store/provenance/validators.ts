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
