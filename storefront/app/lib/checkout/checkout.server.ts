import type { HttpTypes } from "@medusajs/types"
import { data, redirect, type AppLoadContext } from "@remix-run/node"
import { z } from "zod"
import { localePath, type Locale, type MessageKey } from "~/i18n"
import { addressFields, addressFormLists, formatAddress, formText, fromMedusaAddress, shippingCountries, toMedusaAddress, validateAddress } from "./address.server"
import type { AddressValues } from "./address"
import { cartView, remember, retrieveCart } from "./cart.server"
import type { CheckoutAnswer } from "./checkout"
import { placeOrder, setPaymentProvider, setShippingMethod, shippingOptions, updateCart } from "./checkout-cart.server"
import { firstOpenStep, parseStep, stepReachable, type Step } from "./checkout-steps"
import { verifiedForm } from "../security/csrf.server"
import { currentCustomer } from "../account/customer.server"
import { clientIpOf, fetchStatus } from "../medusa/medusa.server"
import { chosenValue, clientConfig, methodLabel, paymentMethods, type PaymentChoice } from "./payment-methods.server"
import { commitSession, getSession, type ShopSession } from "../account/session.server"
import { stripeCheckout } from "./stripe.server"

// The checkout page's server half: what the one page shows (loader) and what each of its forms does (action).
// The page is one list of sections (e-mail, address, shipping, payment, review); one is open with its form, the
// ones before it are closed to a line with an edit link (?step=…), the ones after wait. Each form posts its own
// intent, so the page works without JavaScript; after a saved section the page opens the first one still open.

const checkoutPath = (locale: Locale) => localePath(locale, "/checkout")

/** Everything the checkout page shows; each section's form data only while that section is open. */
export async function checkoutView(request: Request, locale: Locale) {
  const session = await getSession(request)
  const cart = await retrieveCart(session)
  if (!cart || !cart.items?.length) throw redirect(localePath(locale, "/cart"))
  const requested = parseStep(new URL(request.url).searchParams.get("step"))
  if (requested && !stepReachable(cart, requested)) throw redirect(checkoutPath(locale))
  const open = firstOpenStep(cart)
  const step = requested ?? open
  const customer = await currentCustomer(session)
  const address = fromMedusaAddress(cart.shipping_address)
  const chosenPayment = chosenValue(cart)

  const view = {
    step,
    open,
    cart: await cartView(cart, locale),
    email: cart.email ?? customer?.email ?? "",
    address,
    addressLine: await formatAddress(cart.shipping_address, locale),
    shippingName: cart.shipping_methods?.[0]?.name ?? null,
    paymentLabel: methodLabel(chosenPayment),
    payment: clientConfig(),
    addressForm:
      step === "address"
        ? {
            ...(await addressFormLists(locale, address)),
            savedAddresses: await Promise.all((customer?.addresses ?? []).map(async (a) => ({ id: a.id, line: await formatAddress(a, locale) }))),
          }
        : null,
    shippingForm: step === "shipping" ? { options: await shippingOptions(session, cart), chosen: cart.shipping_methods?.[0]?.shipping_option_id ?? null } : null,
    paymentForm: step === "payment" ? { methods: await paymentMethods(cart), chosen: chosenPayment } : null,
    // payments (issue 5): the Stripe Payment Element in the review section
    stripe: step === "review" ? stripeCheckout(cart) : null,
  }
  remember(session, cart)
  return { view, setCookie: await commitSession(session) }
}

export type CheckoutView = Awaited<ReturnType<typeof checkoutView>>["view"]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** One schema per form on the page, told apart by its `intent`; a message here is the field's MessageKey. */
export const checkoutIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("email"), email: formText.pipe(z.string().min(1, "error.required").regex(EMAIL, "error.email")) }),
  addressFields.extend({ intent: z.literal("address") }),
  z.object({ intent: z.literal("saved-address"), address_id: formText }),
  z.object({ intent: z.literal("shipping"), option_id: formText }),
  z.object({ intent: z.literal("payment"), provider_id: formText }),
  z.object({ intent: z.literal("place") }),
])
export type CheckoutIntent = z.infer<typeof checkoutIntent>

type Done = { next: "checkout" } | { next: "order"; orderId: string }
type Outcome = Done | { answer: CheckoutAnswer; status: number; headers?: Record<string, string> }
type Context = { session: ShopSession; cart: HttpTypes.StoreCart; locale: Locale; clientIp: string | undefined }

const refuse = (answer: CheckoutAnswer, status = 400): Outcome => ({ answer, status })

async function saveAddress(values: AddressValues, c: Context): Promise<Outcome> {
  const fieldErrors = await validateAddress(values, await shippingCountries())
  if (Object.keys(fieldErrors).length) return refuse({ step: "address", fieldErrors, values })
  const address = toMedusaAddress(values)
  await updateCart(c.session, c.cart.id, { shipping_address: address, billing_address: address })
  return { next: "checkout" }
}

/** Each intent's handler, found by the intent's name. */
function run(input: CheckoutIntent, c: Context): Promise<Outcome> {
  switch (input.intent) {
    case "email":
      return saveEmail(input.email, c)
    case "address": {
      const { intent: _intent, ...values } = input
      return saveAddress(values, c)
    }
    case "saved-address":
      return useSavedAddress(input.address_id, c)
    case "shipping":
      return chooseShipping(input.option_id, c)
    case "payment":
      return choosePayment(input.provider_id, c)
    case "place":
      return place(c)
  }
}

const DEFAULT_PAYMENT_CHOICE: PaymentChoice = "bank_transfer"

async function saveEmail(email: string, c: Context): Promise<Outcome> {
  // The order's language (its e-mails are written in it): the page's language when the e-mail is given. The
  // default payment choice goes on with it, so a buyer who keeps bank transfer costs no cart update of its own
  // at the payment step (issue 17: Medusa's cart update is the checkout's dearest call after completion).
  const metadata = { payment_choice: DEFAULT_PAYMENT_CHOICE, ...(c.cart.metadata ?? {}), locale: c.locale }
  await updateCart(c.session, c.cart.id, { email, metadata })
  return { next: "checkout" }
}

async function useSavedAddress(address_id: string, c: Context): Promise<Outcome> {
  const saved = (await currentCustomer(c.session))?.addresses?.find((a) => a.id === address_id)
  if (!saved) return refuse({ step: "address", error: "error.required" })
  return saveAddress(addressFields.parse(fromMedusaAddress(saved)), c)
}

async function chooseShipping(option_id: string, c: Context): Promise<Outcome> {
  // Medusa lists the cart's options itself before it adds one (the listing the page showed) and refuses any other
  // with a 400, so the option is not listed a second time here (issue 17: the checkout's cost per order).
  try {
    await setShippingMethod(c.session, c.cart.id, option_id)
  } catch (err) {
    const status = fetchStatus(err)
    if (status === 400 || status === 404) return refuse({ step: "shipping", fieldErrors: { option_id: "error.shipping" } })
    throw err
  }
  return { next: "checkout" }
}

async function choosePayment(provider_id: string, c: Context): Promise<Outcome> {
  const method = (await paymentMethods(c.cart)).find((m) => m.value === provider_id)
  if (!method) return refuse({ step: "payment", fieldErrors: { provider_id: "error.payment" } })
  // Bank transfer and cash on delivery share Medusa's manual provider: the buyer's choice goes on the cart (then
  // the order), where the order e-mail and the group's admin read it (bank transfer is there from the e-mail step).
  if (c.cart.metadata?.payment_choice !== method.choice) {
    await updateCart(c.session, c.cart.id, { metadata: { ...(c.cart.metadata ?? {}), payment_choice: method.choice } })
  }
  await setPaymentProvider(c.session, c.cart, method.providerId)
  return { next: "checkout" }
}

async function place(c: Context): Promise<Outcome> {
  if (firstOpenStep(c.cart) !== "review") return { next: "checkout" }
  const result = await placeOrder(c.session, c.cart.id, c.clientIp)
  if (!result.ok && "throttled" in result) {
    const answer: CheckoutAnswer = { step: "review", error: "error.tooManyCheckouts", retryAfterSeconds: result.retryAfterSeconds }
    return { answer, status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } }
  }
  if (!result.ok) {
    console.warn("checkout: cart completion refused:", result.detail)
    return refuse({ step: "review", problem: result.problem }, 409)
  }
  c.session.set("lastOrderId", result.order.id)
  c.session.unset("cartId")
  c.session.set("cartCount", 0)
  return { next: "order", orderId: result.order.id }
}

/** The section a refused post belongs to, from its fields' messages (the address's fields are the address section). */
function invalidAnswer(issues: z.core.$ZodIssue[], posted: Record<string, FormDataEntryValue>): CheckoutAnswer {
  const intent = String(posted.intent ?? "")
  const step: Step = intent === "saved-address" ? "address" : intent === "place" ? "review" : (parseStep(intent) ?? "review")
  const fieldErrors: Partial<Record<string, MessageKey>> = {}
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "")
    // Only this module's own messages are MessageKeys; anything else (an unknown intent) is the generic error.
    if (field && field !== "intent" && issue.message.startsWith("error.")) fieldErrors[field] ??= issue.message as MessageKey
  }
  if (!Object.keys(fieldErrors).length) return { step, error: "error.generic" }
  return { step, fieldErrors, values: { email: typeof posted.email === "string" ? posted.email.trim() : undefined } }
}

/** Runs the posted form's intent: a redirect to the page (or the placed order), or the refusal to show. */
export async function checkoutAction(request: Request, context: AppLoadContext, locale: Locale) {
  const form = await verifiedForm(request, context)
  const session = await getSession(request)
  const cart = await retrieveCart(session)
  if (!cart || !cart.items?.length) return redirect(localePath(locale, "/cart"))
  const posted = Object.fromEntries(form)
  const parsed = checkoutIntent.safeParse(posted)
  if (!parsed.success) return data<CheckoutAnswer>(invalidAnswer(parsed.error.issues, posted), { status: 400 })
  const input = parsed.data

  let outcome: Outcome
  try {
    outcome = await run(input, { session, cart, locale, clientIp: clientIpOf(context) })
  } catch (err) {
    const status = fetchStatus(err)
    if (!status || status < 400 || status >= 500) throw err
    console.warn(`checkout: Medusa refused ${input.intent}:`, (err as Error).message)
    outcome = refuse({ step: parseStep(input.intent) ?? "review", error: "error.generic" })
  }
  if ("answer" in outcome) return data<CheckoutAnswer>(outcome.answer, { status: outcome.status, headers: outcome.headers })
  const to = outcome.next === "order" ? localePath(locale, `/order/${outcome.orderId}/confirmed`) : checkoutPath(locale)
  return redirect(to, { headers: { "Set-Cookie": await commitSession(session) } })
}
