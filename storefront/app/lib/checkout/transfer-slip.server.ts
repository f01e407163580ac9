import { config } from "../config.server"
import { forwardedClient } from "../medusa/medusa.server"

/** The backend's limit (backend lib/orders/transfer-slip.ts); a bigger form is refused before it is read. */
export const MAX_SLIP_BYTES = 5 * 1024 * 1024

export type SlipAnswer = "received" | "notImage" | "tooLarge" | "missing" | "tooMany" | "refused"

/**
 * Sends the buyer's slip to the backend as the image's bytes, with the storefront's secret: this page has checked
 * that the browser may see the order (its session or a signed link, decision 0025), as it does for reading it.
 */
export async function uploadSlip(orderId: string, bytes: ArrayBuffer, clientIp: string | undefined): Promise<{ answer: SlipAnswer; status: number }> {
  const res = await fetch(`${config.medusaUrl}/store/orders/${encodeURIComponent(orderId)}/transfer-slip`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", "x-publishable-api-key": config.publishableKey, ...forwardedClient(clientIp) },
    body: bytes,
  })
  await res.arrayBuffer()
  if (res.status === 200) return { answer: "received", status: 200 }
  if (res.status >= 500) throw new Error(`transfer slip: the backend answered ${res.status}`)
  const answer: SlipAnswer = res.status === 415 ? "notImage" : res.status === 413 ? "tooLarge" : res.status === 429 ? "tooMany" : "refused"
  return { answer, status: res.status }
}
