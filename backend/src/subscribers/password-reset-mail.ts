import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { readEnv } from "../lib/env"

type ResetEvent = { entity_id: string; actor_type: string; token: string; metadata?: Record<string, unknown> }

/** Medusa's reset token lives 15 minutes (generateResetPasswordTokenWorkflow) and is used once (its jti). */
const TOKEN_MINUTES = 15

/**
 * Medusa's password-reset request (POST /auth/{customer|user}/emailpass/reset-password) made a token: mail the
 * link. Customers go to the storefront's own page (/account/reset-password, in the language the storefront
 * asked in: metadata.locale), admin users to the admin's. An unknown e-mail makes no token and so no mail.
 */
export default async function passwordResetMail({ event, container }: SubscriberArgs<ResetEvent>) {
  const { entity_id: email, actor_type, token, metadata } = event.data
  if (!email || !token) return
  const env = readEnv()
  const lang = metadata?.locale === "en" ? "en" : "th"
  const params = new URLSearchParams({ token, email })
  const url =
    actor_type === "customer"
      ? `${env.storefrontUrl}${lang === "en" ? "/en" : ""}/account/reset-password?${params}`
      : `${env.backendUrl}/app/reset-password?${params}`
  // The token's own id makes the key: one mail per request, however often the event is delivered.
  const jti = (() => {
    try {
      return String(JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()).jti ?? "")
    } catch {
      return ""
    }
  })()
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: email,
      channel: "email",
      template: "password-reset",
      idempotency_key: `password-reset-${jti || token.slice(-32)}`,
      data: { lang, reset_url: url, minutes: TOKEN_MINUTES },
    })
  } catch (err) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`password-reset: mail failed, the retry job sends it later: ${String((err as Error).message).split("\n").pop()}`)
  }
}

export const config: SubscriberConfig = { event: "auth.password_reset" }
