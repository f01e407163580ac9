import type { MedusaContainer } from "@medusajs/framework/types"
import { sweepDanglingBatchLinks } from "../lib/recovery/batch-links"
import { rollBackInterruptedCheckouts } from "../lib/recovery/checkouts"
import { interruptedBefore } from "../lib/recovery/cutoff"

/**
 * Finishes what a crashed process left half-done (kill -9, power cut): Medusa's in-memory and Redis
 * workflow engines neither resume nor compensate a workflow whose process died. Runs seconds after
 * every start and then every 10 s; a pass with nothing to do is three small queries.
 */
export default async function recoverInterruptedWrites(container: MedusaContainer) {
  const before = await interruptedBefore(container)
  await sweepDanglingBatchLinks(container, before)
  await rollBackInterruptedCheckouts(container, before)
}

export const config = { name: "recover-interrupted-writes", schedule: { interval: 10_000 } }
