import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { CartTotals } from "~/components/cart-summary"
import { CheckoutProblemNotice } from "~/components/checkout-problem"
import { PaymentMethodOption } from "~/components/payment-method"
import { ShopForm } from "~/components/shop-form"
import { StripePayment } from "~/components/stripe-payment"
import { AddressFields, type AddressFieldErrors, type AddressValues } from "~/components/thai-address-fields"
import { localePath, type MessageKey } from "~/i18n"
import { addressFormLists, addressFromForm, formatAddress, shippingCountries, fromMedusaAddress, toMedusaAddress, validateAddress } from "~/lib/address.server"
import { cartView, remember, retrieveCart } from "~/lib/cart.server"
import { firstOpenStep, parseStep, stepReachable, STEPS, type Step } from "~/lib/checkout-steps"
import { placeOrder, setPaymentProvider, setShippingMethod, shippingOptions, updateCart, type CheckoutProblem } from "~/lib/checkout.server"
import { verifiedForm } from "~/lib/csrf.server"
import { currentCustomer } from "~/lib/customer.server"
import { formatBaht, waitText } from "~/lib/format"
import { requireLocale } from "~/lib/i18n.server"
import { personalPageHeaders } from "~/lib/http-cache.server"
import { privatePageMeta } from "~/lib/seo"
import { clientIpOf, fetchStatus } from "~/lib/medusa.server"
import { chosenValue, clientConfig, paymentMethods } from "~/lib/payment-methods.server"
import { commitSession, getSession } from "~/lib/session.server"
import { stripeCheckout, type StripeCheckout } from "~/lib/stripe.server"
import { useI18n } from "~/lib/use-i18n"

export const meta = privatePageMeta("ชำระเงิน", "Checkout")
export const headers = personalPageHeaders

const STEP_LABEL: Record<Step, MessageKey> = {
  email: "checkout.step.email",
  address: "checkout.step.address",
  shipping: "checkout.step.shipping",
  payment: "checkout.step.payment",
  review: "checkout.step.review",
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const cart = await retrieveCart(session)
  if (!cart || !cart.items?.length) throw redirect(localePath(locale, "/cart"))
  const requested = parseStep(new URL(request.url).searchParams.get("step"))
  const open = firstOpenStep(cart)
  if (requested && !stepReachable(cart, requested)) throw redirect(`${localePath(locale, "/checkout")}?step=${open}`)
  const step = requested ?? open

  const customer = await currentCustomer(session)
  const address = fromMedusaAddress(cart.shipping_address)
  const base = {
    step,
    open,
    cart: await cartView(cart, locale),
    email: cart.email ?? customer?.email ?? "",
    address,
    addressLine: await formatAddress(cart.shipping_address, locale),
    shippingName: cart.shipping_methods?.[0]?.name ?? null,
    payment: clientConfig(),
  }

  let extra = {}
  if (step === "address") {
    extra = {
      ...(await addressFormLists(locale, address)),
      savedAddresses: await Promise.all((customer?.addresses ?? []).map(async (a) => ({ id: a.id, line: await formatAddress(a, locale) }))),
    }
  } else if (step === "shipping") {
    extra = { options: await shippingOptions(session, cart.id), chosen: cart.shipping_methods?.[0]?.shipping_option_id ?? null }
  } else if (step === "payment" || step === "review") {
    const methods = await paymentMethods(cart)
    const chosen = chosenValue(cart)
    // payments (issue 5): the Stripe Payment Element on the review step
    extra = { methods, chosen, stripe: step === "review" ? stripeCheckout(cart) : null }
  }
  remember(session, cart)
  return data({ ...base, ...extra } as typeof base & Partial<LoaderExtras>, {
    headers: { "Set-Cookie": await commitSession(session), "Cache-Control": "private, no-store" },
  })
}

type LoaderExtras = {
  countries: { code: string; name: string }[]
  provinces: { th: string; en: string }[]
  districts: { th: string; en: string }[]
  subDistricts: { th: string; en: string; postalCode?: string }[]
  savedAddresses: { id: string; line: string }[]
  options: { id: string; name: string; amount: number }[]
  methods: Awaited<ReturnType<typeof paymentMethods>>
  chosen: string | null
  stripe: StripeCheckout | null
}

type ActionResult = {
  step: Step
  fieldErrors?: Partial<Record<string, MessageKey>>
  values?: Partial<AddressValues> & { email?: string }
  error?: MessageKey
  /** Why the order was not placed (review step). */
  problem?: CheckoutProblem
  /** With a throttle's refusal (429): how long to wait. */
  retryAfterSeconds?: number
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const form = await verifiedForm(request, context)
  const session = await getSession(request)
  const cart = await retrieveCart(session)
  if (!cart || !cart.items?.length) return redirect(localePath(locale, "/cart"))
  const intent = String(form.get("intent") ?? "")
  const go = async (step: Step | "done", orderId?: string) => {
    const to = step === "done" ? localePath(locale, `/order/${orderId}/confirmed`) : `${localePath(locale, "/checkout")}?step=${step}`
    return redirect(to, { headers: { "Set-Cookie": await commitSession(session) } })
  }
  const fail = (result: ActionResult, status = 400) => data(result, { status })

  try {
    if (intent === "email") {
      const email = String(form.get("email") ?? "").trim()
      if (!email) return fail({ step: "email", fieldErrors: { email: "error.required" }, values: { email } })
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail({ step: "email", fieldErrors: { email: "error.email" }, values: { email } })
      // The order's language (its e-mails are written in it): the page's language when the e-mail is given.
      await updateCart(session, cart.id, { email, metadata: { ...(cart.metadata ?? {}), locale } })
      return go("address")
    }
    if (intent === "address" || intent === "saved-address") {
      let values: AddressValues
      if (intent === "saved-address") {
        const customer = await currentCustomer(session)
        const saved = customer?.addresses?.find((a) => a.id === form.get("address_id"))
        if (!saved) return fail({ step: "address", error: "error.required" })
        values = { ...(fromMedusaAddress(saved) as AddressValues) }
      } else {
        values = addressFromForm(form)
      }
      const errors: AddressFieldErrors = await validateAddress(values, await shippingCountries())
      if (Object.keys(errors).length) return fail({ step: "address", fieldErrors: errors, values })
      const address = toMedusaAddress(values)
      await updateCart(session, cart.id, { shipping_address: address, billing_address: address })
      return go("shipping")
    }
    if (intent === "shipping") {
      const optionId = String(form.get("option_id") ?? "")
      const options = await shippingOptions(session, cart.id)
      if (!options.some((o) => o.id === optionId)) return fail({ step: "shipping", fieldErrors: { option_id: "error.shipping" } })
      await setShippingMethod(session, cart.id, optionId)
      return go("payment")
    }
    if (intent === "payment") {
      const value = String(form.get("provider_id") ?? "")
      const method = (await paymentMethods(cart)).find((m) => m.value === value)
      if (!method) return fail({ step: "payment", fieldErrors: { provider_id: "error.payment" } })
      // Bank transfer and cash on delivery share Medusa's manual provider: the buyer's choice goes on the cart (then
      // the order), where the order e-mail and the group's admin read it.
      if (cart.metadata?.payment_choice !== method.choice) {
        await updateCart(session, cart.id, { metadata: { ...(cart.metadata ?? {}), payment_choice: method.choice } })
      }
      await setPaymentProvider(session, cart, method.providerId)
      return go("review")
    }
    if (intent === "place") {
      if (firstOpenStep(cart) !== "review") return go(firstOpenStep(cart))
      const result = await placeOrder(session, cart.id, clientIpOf(context))
      if (!result.ok && "throttled" in result) {
        const headers = { "Retry-After": String(result.retryAfterSeconds) }
        return data<ActionResult>({ step: "review", error: "error.tooManyCheckouts", retryAfterSeconds: result.retryAfterSeconds }, { status: 429, headers })
      }
      if (!result.ok) {
        console.warn("checkout: cart completion refused:", result.detail)
        return fail({ step: "review", problem: result.problem }, 409)
      }
      session.set("lastOrderId", result.order.id)
      session.unset("cartId")
      session.set("cartCount", 0)
      return go("done", result.order.id)
    }
  } catch (err) {
    const status = fetchStatus(err)
    if (status && status >= 400 && status < 500) {
      console.warn(`checkout: Medusa refused ${intent}:`, (err as Error).message)
      return fail({ step: (parseStep(intent) ?? "review") as Step, error: "error.generic" }, 400)
    }
    throw err
  }
  return fail({ step: "review", error: "error.generic" })
}

function SubmitButton({ label, busyLabel, primary }: { label: string; busyLabel: string; primary?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === "submitting"
  return (
    <button type="submit" className={primary ? "primary" : undefined} disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  )
}

export default function Checkout() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult | undefined
  const { t, lp } = useI18n()
  const errors = actionData?.step === d.step ? actionData.fieldErrors ?? {} : {}
  const formError = actionData?.step === d.step ? actionData.error : undefined
  const problem = actionData?.step === d.step ? actionData.problem : undefined
  const wait = actionData?.retryAfterSeconds ? waitText(t, actionData.retryAfterSeconds) : ""
  const values = actionData?.step === d.step ? actionData.values ?? {} : {}
  const stepIndex = STEPS.indexOf(d.step)
  const openIndex = STEPS.indexOf(d.open)

  return (
    <main>
      <h1>{t("checkout.title")}</h1>
      <ol className="steps" aria-label={t("checkout.title")}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === d.step ? "step" : undefined}>
            {i <= openIndex && s !== d.step ? <Link to={`${lp("/checkout")}?step=${s}`}>{i + 1}. {t(STEP_LABEL[s])}</Link> : `${i + 1}. ${t(STEP_LABEL[s])}`}
          </li>
        ))}
      </ol>
      <h2>{t(STEP_LABEL[d.step])}</h2>
      {formError ? (
        <p className="error" role="alert">
          {t(formError, { wait })}
        </p>
      ) : null}
      {problem ? <CheckoutProblemNotice problem={problem} lines={d.cart.lines} /> : null}

      {d.step === "email" ? (
        <ShopForm noValidate>
          <input type="hidden" name="intent" value="email" />
          <label htmlFor="f-email">{t("field.email")}</label>
          <input
            id="f-email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={values.email ?? d.email}
            required
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "f-email-error" : undefined}
          />
          {errors.email ? (
            <p className="field-error" id="f-email-error">
              {t(errors.email)}
            </p>
          ) : null}
          <p>
            <SubmitButton label={t("checkout.continue")} busyLabel={t("checkout.saving")} primary />
          </p>
        </ShopForm>
      ) : null}

      {d.step === "address" ? (
        <>
          {d.savedAddresses?.length ? (
            <ShopForm className="review-block">
              <input type="hidden" name="intent" value="saved-address" />
              <fieldset>
                <legend>{t("checkout.savedAddress")}</legend>
                {d.savedAddresses.map((a, i) => (
                  <label key={a.id} className="choice">
                    <input type="radio" name="address_id" value={a.id} defaultChecked={i === 0} /> {a.line}
                  </label>
                ))}
              </fieldset>
              <SubmitButton label={t("checkout.savedAddress")} busyLabel={t("checkout.saving")} />
            </ShopForm>
          ) : null}
          <ShopForm noValidate>
            <input type="hidden" name="intent" value="address" />
            <AddressFields
              values={{ ...d.address, ...values }}
              errors={errors as AddressFieldErrors}
              countries={d.countries ?? []}
              provinces={d.provinces ?? []}
              districts={d.districts ?? []}
              subDistricts={d.subDistricts ?? []}
            />
            <p>
              <SubmitButton label={t("checkout.continue")} busyLabel={t("checkout.saving")} primary />
            </p>
          </ShopForm>
        </>
      ) : null}

      {d.step === "shipping" ? (
        <ShopForm>
          <input type="hidden" name="intent" value="shipping" />
          <fieldset aria-describedby={errors.option_id ? "f-option-error" : undefined}>
            <legend>{t("checkout.step.shipping")}</legend>
            {(d.options ?? []).map((o, i) => (
              <label key={o.id} className="choice">
                <input type="radio" name="option_id" value={o.id} defaultChecked={d.chosen ? d.chosen === o.id : i === 0} required />
                <span>
                  {o.name} — {formatBaht(o.amount)}
                </span>
              </label>
            ))}
          </fieldset>
          {errors.option_id ? (
            <p className="field-error" id="f-option-error">
              {t(errors.option_id)}
            </p>
          ) : null}
          <SubmitButton label={t("checkout.continue")} busyLabel={t("checkout.saving")} primary />
        </ShopForm>
      ) : null}

      {d.step === "payment" ? (
        <ShopForm>
          <input type="hidden" name="intent" value="payment" />
          <fieldset aria-describedby={errors.provider_id ? "f-provider-error" : undefined}>
            <legend>{t("checkout.step.payment")}</legend>
            {(d.methods ?? []).map((m, i) => (
              <PaymentMethodOption key={m.value} method={m} checked={d.chosen ? d.chosen === m.value : i === 0} />
            ))}
          </fieldset>
          {errors.provider_id ? (
            <p className="field-error" id="f-provider-error">
              {t(errors.provider_id)}
            </p>
          ) : null}
          <SubmitButton label={t("checkout.continue")} busyLabel={t("checkout.saving")} primary />
        </ShopForm>
      ) : null}

      {d.step === "review" ? (
        <>
          <section className="review-block">
            <h2>{t("checkout.step.email")}</h2>
            <p>{d.email}</p>
            <Link to={`${lp("/checkout")}?step=email`}>{t("checkout.edit")}</Link>
          </section>
          <section className="review-block">
            <h2>{t("checkout.step.address")}</h2>
            <p>{d.addressLine}</p>
            <Link to={`${lp("/checkout")}?step=address`}>{t("checkout.edit")}</Link>
          </section>
          <section className="review-block">
            <h2>{t("checkout.step.shipping")}</h2>
            <p>{d.shippingName}</p>
            <Link to={`${lp("/checkout")}?step=shipping`}>{t("checkout.edit")}</Link>
          </section>
          <section className="review-block">
            <h2>{t("checkout.step.payment")}</h2>
            <p>{(d.methods ?? []).filter((m) => m.value === d.chosen).map((m) => t(m.label))}</p>
            <Link to={`${lp("/checkout")}?step=payment`}>{t("checkout.edit")}</Link>
          </section>
        </>
      ) : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("checkout.summary")}</h2>
        <ul className="order-list">
          {d.cart.lines.map((l) => (
            <li key={l.id}>
              {l.title} · {l.variantTitle} × {l.quantity} — {formatBaht(l.total)}
            </li>
          ))}
        </ul>
        <CartTotals totals={d.cart} showShipping={stepIndex >= STEPS.indexOf("payment")} />
      </section>

      {d.step === "review" && d.stripe ? (
        <StripePayment {...d.stripe} returnPath={`${lp("/checkout")}?step=review`} />
      ) : d.step === "review" ? (
        <ShopForm>
          <input type="hidden" name="intent" value="place" />
          <p>
            <SubmitButton label={t("checkout.placeOrder")} busyLabel={t("checkout.placing")} primary />
          </p>
        </ShopForm>
      ) : null}
    </main>
  )
}
