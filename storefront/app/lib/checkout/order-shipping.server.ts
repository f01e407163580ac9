import { fetchStatus, sdk } from "../medusa/medusa.server"
import { idSegment } from "../medusa/medusa-ids.server"

export type OrderShipping = {
  shipments: { tracking_number: string; tracking_url: string; service_th: string; service_en: string; shipped_at: string | null }[]
  recalls: { lot_number: string; reason: string | null; recalled_at: string | null; units: number; products: string[] }[]
}

/**
 * The order's Thailand Post numbers and recall notices (GET /store/orders/:id/shipping). `headers` are the
 * customer's token or the storefront's secret, as for the order itself (decision 0025); the page has already
 * decided the browser may see the order.
 */
export async function orderShipping(orderId: string, headers: Record<string, string>): Promise<OrderShipping> {
  try {
    return await sdk.client.fetch<OrderShipping>(`/store/orders/${idSegment("order", orderId)}/shipping`, { headers })
  } catch (err) {
    if (fetchStatus(err) === 404) return { shipments: [], recalls: [] }
    throw err
  }
}
