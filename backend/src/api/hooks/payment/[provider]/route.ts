import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ProviderWebhookPayload } from "@medusajs/framework/types"
import { Modules, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { invalid } from "../../../../lib/errors"

/**
 * Replaces Medusa's POST /hooks/payment/:provider, which answers 200 to anything and checks the
 * signature only later in a subscriber. Here the provider checks it first (Stripe: the
 * Stripe-Signature header against STRIPE_WEBHOOK_SECRET), so a forged or unknown call gets a 400
 * at once; a genuine one is queued exactly as Medusa does (delayed, retried) for the
 * payment-webhook subscriber and processPaymentWorkflow.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { provider } = req.params
  // Only the Stripe module's providers (id "stripe" in medusa-config.ts) send webhooks. The system and the
  // native PromptPay providers answer "not supported" to anything, which Medusa would queue and answer 200.
  if (!/_stripe$/.test(provider)) {
    throw invalid({
      code: "NO_WEBHOOKS",
      message: `Payment provider "${provider}" takes no webhooks`,
      message_th: `ผู้ให้บริการชำระเงิน "${provider}" ไม่รับ webhook`,
    })
  }
  const event: ProviderWebhookPayload = {
    provider,
    payload: { data: req.body as Record<string, unknown>, rawData: req.rawBody as Buffer, headers: req.headers },
  }
  const paymentModule = req.scope.resolve(Modules.PAYMENT)
  try {
    await paymentModule.getWebhookActionAndData(event)
  } catch (err) {
    // The provider's reason (a bad or missing signature) is for the sender's logs; it holds no secret.
    throw invalid({
      code: "WEBHOOK_REFUSED",
      message: `Webhook refused for payment provider "${provider}": ${(err as Error).message}`,
      message_th: `ปฏิเสธ webhook ของผู้ให้บริการชำระเงิน "${provider}"`,
    })
  }
  // @ts-expect-error the module's options are not part of its public type
  const options: { webhook_delay?: number; webhook_retries?: number } = paymentModule.options || {}
  await req.scope.resolve(Modules.EVENT_BUS).emit(
    { name: PaymentWebhookEvents.WebhookReceived, data: event },
    // Medusa's own delay: lets the storefront's cart completion win the race with the webhook.
    { delay: options.webhook_delay || 5000, attempts: options.webhook_retries || 3 }
  )
  res.sendStatus(200)
}
