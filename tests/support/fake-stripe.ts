import crypto from "node:crypto"
import http from "node:http"
import path from "node:path"
import { fileURLToPath } from "node:url"
import Stripe from "stripe"

/**
 * A fake of Stripe's PaymentIntents API for offline tests, at the network edge: the Medusa child
 * process's Stripe SDK is pointed here by fake-stripe-preload.cjs. It keeps PaymentIntents in
 * memory with Stripe's state machine and JSON shapes (API version 2024-04-10, the SDK's default):
 *
 *   requires_payment_method --confirm(pm_card_visa)--> succeeded | requires_capture (manual capture)
 *   requires_payment_method --confirm(pm_card_chargeDeclined)--> 402 card_error, requires_payment_method
 *                                                               with last_payment_error
 *   requires_payment_method --confirm(pm_card_threeDSecure2Required)--> requires_action (use_stripe_sdk)
 *   requires_payment_method --confirm(promptpay)--> requires_action (promptpay_display_qr_code)
 *   requires_action --completeAction()--> succeeded (the customer passed 3-D Secure / paid by PromptPay)
 *
 * Webhook events are signed with the real stripe library (generateTestHeaderString).
 */

export const FAKE_STRIPE_SECRET_KEY = "sk_test_fake_mae_mok_0000000000"
export const FAKE_STRIPE_PUBLISHABLE_KEY = "pk_test_fake_mae_mok_0000000000"
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fake_mae_mok_test_secret_0000000000"

const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), "fake-stripe-preload.cjs")
const stripe = new Stripe(FAKE_STRIPE_SECRET_KEY)

export type PaymentIntent = {
  id: string
  object: "payment_intent"
  amount: number
  amount_capturable: number
  amount_received: number
  capture_method: "automatic" | "automatic_async" | "manual"
  client_secret: string
  confirmation_method: "automatic"
  created: number
  currency: string
  description: string | null
  last_payment_error: Record<string, unknown> | null
  latest_charge: string | null
  livemode: false
  metadata: Record<string, string>
  next_action: Record<string, unknown> | null
  payment_method: string | null
  payment_method_types: string[]
  status:
    | "requires_payment_method"
    | "requires_confirmation"
    | "requires_action"
    | "processing"
    | "requires_capture"
    | "canceled"
    | "succeeded"
  canceled_at: number | null
  cancellation_reason: string | null
}

type Form = Record<string, unknown>

/** Stripe's form encoding: a[b][0]=x → { a: { b: ["x"] } }. */
export function parseStripeForm(body: string): Form {
  const root: Form = {}
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const keys = rawKey.replace(/\]/g, "").split("[")
    let node: Record<string, unknown> = root
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = value
      else node = (node[key] ??= {}) as Record<string, unknown>
    })
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== "object") return value
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrays(v)] as const)
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) return entries.map(([, v]) => v)
    return Object.fromEntries(entries)
  }
  return arrays(root) as Form
}

const now = () => Math.floor(Date.now() / 1000)
const randomId = (prefix: string) => `${prefix}_${crypto.randomBytes(12).toString("hex")}`

export type FakeStripe = {
  url: string
  /** NODE_OPTIONS and settings for a Medusa process that should talk to this fake. */
  env: NodeJS.ProcessEnv
  intents: Map<string, PaymentIntent>
  requests: { method: string; path: string; body: Form }[]
  /** What Stripe.js does in the browser with the client secret: confirm with a payment method. */
  confirm: (id: string, paymentMethod: string) => Promise<{ status: number; body: any }>
  /** The customer passed 3-D Secure or paid the PromptPay QR in their banking app. */
  completeAction: (id: string) => PaymentIntent
  /** A signed webhook delivery as Stripe would POST it. */
  webhook: (type: string, intent: PaymentIntent, options?: { secret?: string }) => { body: string; signature: string }
  close: () => Promise<void>
}

function stripeError(res: http.ServerResponse, status: number, error: Record<string, unknown>) {
  res.writeHead(status, { "content-type": "application/json", "request-id": randomId("req") })
  res.end(JSON.stringify({ error }))
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const intents = new Map<string, PaymentIntent>()
  const idempotent = new Map<string, { status: number; body: string }>()
  const requests: FakeStripe["requests"] = []

  function confirmIntent(intent: PaymentIntent, form: Form): { status: number; error?: Record<string, unknown> } {
    if (!["requires_payment_method", "requires_confirmation"].includes(intent.status)) {
      return {
        status: 400,
        error: {
          type: "invalid_request_error",
          code: "payment_intent_unexpected_state",
          message: `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
          payment_intent: intent,
        },
      }
    }
    const methodData = form.payment_method_data as { type?: string } | undefined
    const method = (form.payment_method as string | undefined) ?? (methodData?.type ? randomId("pm") : undefined)
    if (!method) {
      return {
        status: 400,
        error: { type: "invalid_request_error", code: "payment_intent_unexpected_state", message: "You must provide a payment method." },
      }
    }
    intent.payment_method = method
    intent.last_payment_error = null
    if (methodData?.type === "promptpay" || intent.payment_method_types.includes("promptpay")) {
      intent.status = "requires_action"
      intent.next_action = {
        type: "promptpay_display_qr_code",
        promptpay_display_qr_code: {
          data: `00020101021230...fake-promptpay-${intent.id}`,
          hosted_instructions_url: `https://payments.stripe.com/qr/instructions/${intent.id}`,
          image_url_png: `https://qr.stripe.com/${intent.id}.png`,
          image_url_svg: `https://qr.stripe.com/${intent.id}.svg`,
        },
      }
      return { status: 200 }
    }
    if (method === "pm_card_chargeDeclined" || method === "pm_card_visa_chargeDeclined") {
      intent.status = "requires_payment_method"
      intent.payment_method = null
      const error = {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
        doc_url: "https://stripe.com/docs/error-codes/card-declined",
        charge: randomId("ch"),
        payment_method: { id: method, object: "payment_method", type: "card" },
      }
      intent.last_payment_error = error
      return { status: 402, error: { ...error, payment_intent: intent } }
    }
    if (method === "pm_card_threeDSecure2Required" || method === "pm_card_authenticationRequired") {
      intent.status = "requires_action"
      intent.next_action = { type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: "" } }
      return { status: 200 }
    }
    succeed(intent)
    return { status: 200 }
  }

  function succeed(intent: PaymentIntent) {
    intent.next_action = null
    intent.latest_charge = randomId("ch")
    if (intent.capture_method === "manual") {
      intent.status = "requires_capture"
      intent.amount_capturable = intent.amount
    } else {
      intent.status = "succeeded"
      intent.amount_received = intent.amount
    }
  }

  function handle(method: string, pathname: string, form: Form, res: http.ServerResponse, query: URLSearchParams) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": randomId("req") })
      res.end(JSON.stringify(body))
    }
    const expand = (intent: PaymentIntent) => {
      const wanted = [...query.getAll("expand[]"), ...query.getAll("expand[0]"), ...((form.expand as string[]) ?? [])]
      if (wanted.includes("payment_method") && intent.payment_method) {
        return { ...intent, payment_method: { id: intent.payment_method, object: "payment_method", type: intent.payment_method_types[0] ?? "card" } }
      }
      return intent
    }
    const notFound = (id: string) =>
      stripeError(res, 404, { type: "invalid_request_error", code: "resource_missing", message: `No such payment_intent: '${id}'`, param: "intent" })

    if (method === "POST" && pathname === "/v1/payment_intents") {
      const types = (form.payment_method_types as string[] | undefined) ?? ["card"]
      const id = randomId("pi")
      const intent: PaymentIntent = {
        id,
        object: "payment_intent",
        amount: Number(form.amount),
        amount_capturable: 0,
        amount_received: 0,
        capture_method: (form.capture_method as PaymentIntent["capture_method"]) ?? "automatic_async",
        client_secret: `${id}_secret_${crypto.randomBytes(12).toString("hex")}`,
        confirmation_method: "automatic",
        created: now(),
        currency: String(form.currency),
        description: (form.description as string) ?? null,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: (form.metadata as Record<string, string>) ?? {},
        next_action: null,
        payment_method: null,
        payment_method_types: types,
        status: "requires_payment_method",
        canceled_at: null,
        cancellation_reason: null,
      }
      if (!Number.isInteger(intent.amount) || intent.amount < 1) {
        return stripeError(res, 400, { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message: "Invalid integer" })
      }
      intents.set(id, intent)
      return send(200, expand(intent))
    }
    const match = pathname.match(/^\/v1\/payment_intents\/([^/]+)(?:\/(confirm|capture|cancel))?$/)
    if (match) {
      const intent = intents.get(match[1])
      if (!intent) return notFound(match[1])
      const action = match[2]
      if (method === "GET" && !action) return send(200, expand(intent))
      if (method === "POST" && !action) {
        if (form.amount !== undefined) intent.amount = Number(form.amount)
        if (form.metadata) intent.metadata = { ...intent.metadata, ...(form.metadata as Record<string, string>) }
        return send(200, expand(intent))
      }
      if (method === "POST" && action === "confirm") {
        const result = confirmIntent(intent, form)
        if (result.error) return stripeError(res, result.status, result.error)
        return send(200, expand(intent))
      }
      if (method === "POST" && action === "capture") {
        if (intent.status !== "requires_capture") {
          return stripeError(res, 400, {
            type: "invalid_request_error",
            code: "payment_intent_unexpected_state",
            message: `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
            payment_intent: intent,
          })
        }
        intent.status = "succeeded"
        intent.amount_received = intent.amount_capturable
        intent.amount_capturable = 0
        return send(200, expand(intent))
      }
      if (method === "POST" && action === "cancel") {
        if (intent.status === "succeeded" || intent.status === "canceled") {
          return stripeError(res, 400, {
            type: "invalid_request_error",
            code: "payment_intent_unexpected_state",
            message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
            payment_intent: intent,
          })
        }
        intent.status = "canceled"
        intent.canceled_at = now()
        intent.cancellation_reason = (form.cancellation_reason as string) ?? "requested_by_customer"
        return send(200, expand(intent))
      }
    }
    const pm = pathname.match(/^\/v1\/payment_methods\/([^/]+)$/)
    if (method === "GET" && pm) return send(200, { id: pm[1], object: "payment_method", type: "card" })
    if (method === "POST" && pathname === "/v1/refunds") {
      const intent = intents.get(String(form.payment_intent))
      if (!intent) return notFound(String(form.payment_intent))
      return send(200, { id: randomId("re"), object: "refund", amount: Number(form.amount ?? intent.amount_received), payment_intent: intent.id, status: "succeeded" })
    }
    return stripeError(res, 404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${pathname}).` })
  }

  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake")
      const form = parseStripeForm(raw)
      requests.push({ method: req.method ?? "GET", path: url.pathname, body: form })
      const key = req.headers["idempotency-key"]
      const cacheKey = typeof key === "string" ? `${req.method} ${url.pathname} ${key}` : undefined
      const cached = cacheKey ? idempotent.get(cacheKey) : undefined
      if (cached) {
        res.writeHead(cached.status, { "content-type": "application/json", "idempotent-replayed": "true" })
        res.end(cached.body)
        return
      }
      if (cacheKey) {
        // Remember the answer so a retried request with the same key gets it again, as Stripe does.
        const end = res.end.bind(res)
        res.end = ((body: string) => {
          idempotent.set(cacheKey, { status: res.statusCode, body })
          return end(body)
        }) as typeof res.end
      }
      const authorization = req.headers.authorization ?? ""
      if (!authorization.startsWith("Bearer sk_test_") && !authorization.startsWith("Bearer pk_test_")) {
        return stripeError(res, 401, { type: "invalid_request_error", message: "Invalid API Key provided" })
      }
      try {
        handle(req.method ?? "GET", url.pathname, form, res, url.searchParams)
      } catch (err) {
        stripeError(res, 500, { type: "api_error", message: (err as Error).message })
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    env: {
      STRIPE_API_KEY: FAKE_STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
      STRIPE_PUBLISHABLE_KEY: FAKE_STRIPE_PUBLISHABLE_KEY,
      FAKE_STRIPE_URL: url,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${preload}`].filter(Boolean).join(" "),
    },
    intents,
    requests,
    async confirm(id, paymentMethod) {
      const intent = intents.get(id)
      const body: Record<string, string> = paymentMethod === "promptpay" ? { "payment_method_data[type]": "promptpay" } : { payment_method: paymentMethod }
      const res = await fetch(`${url}/v1/payment_intents/${id}/confirm`, {
        method: "POST",
        headers: { authorization: `Bearer ${FAKE_STRIPE_PUBLISHABLE_KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...body, client_secret: intent?.client_secret ?? "" }),
      })
      return { status: res.status, body: await res.json() }
    },
    completeAction(id) {
      const intent = intents.get(id)
      if (!intent || intent.status !== "requires_action") throw new Error(`${id} is not waiting for an action`)
      succeed(intent)
      return intent
    },
    webhook(type, intent, options = {}) {
      const event = {
        id: randomId("evt"),
        object: "event",
        api_version: "2024-04-10",
        created: now(),
        data: { object: structuredClone(intent) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: randomId("req"), idempotency_key: null },
        type,
      }
      const body = JSON.stringify(event, null, 2)
      const signature = stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: options.secret ?? FAKE_STRIPE_WEBHOOK_SECRET,
      })
      return { body, signature }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
