import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react"
import { useEffect, useState } from "react"
import { CartTotals } from "~/components/cart-summary"
import { ShopForm } from "~/components/shop-form"
import { localePath, type MessageKey } from "~/i18n"
import { addLine, cartRefusal, cartView, parseQuantity, remember, removeLine, retrieveCart, stepQuantity, updateLine } from "~/lib/checkout/cart.server"
import { verifiedForm } from "~/lib/security/csrf.server"
import { formatBaht } from "~/lib/i18n/format"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { medusaId } from "~/lib/medusa/medusa-ids.server"
import { commitSession, getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("ตะกร้าสินค้า", "Cart")
export const headers = personalPageHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const cart = await retrieveCart(session)
  remember(session, cart)
  return data(
    { cart: cart ? await cartView(cart, locale) : null },
    { headers: { "Set-Cookie": await commitSession(session), "Cache-Control": "private, no-store" } }
  )
}

type ActionErrors = { line?: string; variant?: string; error: MessageKey; vars?: Record<string, number> }

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const form = await verifiedForm(request, context)
  const intent = form.get("intent")
  const fail = async (body: ActionErrors, status = 400) =>
    data(body, { status, headers: { "Set-Cookie": await commitSession(session) } })
  // Ids from the form go into backend URLs: only well-formed Medusa ids (issue 10, item 13), else a 400 and
  // nothing is sent.
  const lineId = (): string | null => medusaId("lineItem", form.get("line_id"))
  try {
    if (intent === "add") {
      const variantId = String(form.get("variant_id") ?? "")
      const quantity = parseQuantity(form.get("quantity"))
      if (!variantId) return fail({ variant: variantId, error: "error.required" })
      if (!medusaId("variant", variantId)) return fail({ error: "error.badRequest" })
      if (quantity === null) return fail({ variant: variantId, error: "error.quantity" })
      remember(session, await addLine(session, variantId, quantity))
    } else if (intent === "update") {
      const line = lineId()
      if (!line) return fail({ error: "error.badRequest" })
      // A stepper (+/−) moves the quantity in the field by one; the field alone sets it.
      const quantity = stepQuantity(parseQuantity(form.get("quantity"), true), form.get("step"))
      if (quantity === null) return fail({ line, error: "error.quantity" })
      remember(session, quantity === 0 ? await removeLine(session, line) : await updateLine(session, line, quantity))
    } else if (intent === "remove") {
      const line = lineId()
      if (!line) return fail({ error: "error.badRequest" })
      remember(session, await removeLine(session, line))
    } else {
      return fail({ error: "error.generic" })
    }
  } catch (err) {
    // The backend refuses with a code: over the quantity limits, not enough stock, or something else (decision 0023).
    const refusal = cartRefusal(err)
    if (!refusal) throw err
    console.warn("cart: Medusa refused", (err as Error).message)
    return fail({ line: String(form.get("line_id") ?? ""), variant: String(form.get("variant_id") ?? ""), ...refusal })
  }
  return redirect(localePath(locale, "/cart"), { headers: { "Set-Cookie": await commitSession(session) } })
}

export default function CartPage() {
  const { cart } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const navigation = useNavigation()
  const busy = navigation.state === "submitting"
  const submit = useSubmit()
  // With scripts a typed quantity is sent when the field is left (or on Enter); without, the "update" button sends it.
  const [scripted, setScripted] = useState(false)
  useEffect(() => setScripted(true), [])

  if (!cart || cart.lines.length === 0) {
    return (
      <main>
        <h1>{t("cart.title")}</h1>
        {actionData ? <p role="alert" className="error">{t(actionData.error, actionData.vars)}</p> : null}
        <p>{t("cart.empty")}</p>
        <p>
          <Link to={lp("/products")}>{t("cart.continue")}</Link>
        </p>
      </main>
    )
  }

  return (
    <main>
      <h1>{t("cart.title")}</h1>
      {actionData && !actionData.line ? <p role="alert" className="error">{t(actionData.error, actionData.vars)}</p> : null}
      <ul className="cart-lines">
        {cart.lines.map((line) => {
          const error = actionData?.line === line.id ? t(actionData.error, actionData.vars) : null
          return (
            <li key={line.id} className="cart-line">
              {line.thumbnail ? <img src={line.thumbnail} alt="" width={72} height={72} /> : null}
              <div className="cart-line-body">
                <h2>
                  {line.handle ? <Link to={lp(`/products/${line.handle}`)}>{line.title}</Link> : line.title}
                </h2>
                <p className="muted">
                  {line.variantTitle} · {formatBaht(line.unitPrice)}
                </p>
                <ShopForm className="inline-form quantity-form">
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="line_id" value={line.id} />
                  {/* First in the form, so Enter in the field sets the quantity (the default button), not a stepper. */}
                  <button type="submit" className="update-quantity" disabled={busy} hidden={scripted}>
                    {t("cart.update")}
                  </button>
                  <label htmlFor={`qty-${line.id}`}>
                    {t("field.quantity")} <span className="visually-hidden">{line.title} {line.variantTitle}</span>
                  </label>
                  <span className="stepper">
                    <button type="submit" name="step" value="-1" disabled={busy} aria-label={t("cart.less", { item: `${line.title} ${line.variantTitle}` })}>
                      −
                    </button>
                    <input
                      id={`qty-${line.id}`}
                      type="number"
                      name="quantity"
                      min={0}
                      max={99}
                      defaultValue={line.quantity}
                      key={line.quantity}
                      inputMode="numeric"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `err-${line.id}` : undefined}
                      onBlur={(e) => {
                        if (scripted && e.currentTarget.value !== "" && e.currentTarget.value !== String(line.quantity)) submit(e.currentTarget.form)
                      }}
                    />
                    <button type="submit" name="step" value="1" disabled={busy} aria-label={t("cart.more", { item: `${line.title} ${line.variantTitle}` })}>
                      +
                    </button>
                  </span>
                </ShopForm>
                {error ? (
                  <p id={`err-${line.id}`} className="field-error" role="alert">
                    {error}
                  </p>
                ) : null}
                <ShopForm className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="line_id" value={line.id} />
                  <button type="submit" className="link-button" disabled={busy} aria-label={`${t("cart.remove")} ${line.title} ${line.variantTitle}`}>
                    {t("cart.remove")}
                  </button>
                </ShopForm>
              </div>
              <p className="line-total">{formatBaht(line.total)}</p>
            </li>
          )
        })}
      </ul>
      <CartTotals totals={cart} showShipping={false} />
      <p>
        <Link to={lp("/checkout")} className="button primary">
          {t("cart.checkout")}
        </Link>
      </p>
      <p>
        <Link to={lp("/products")}>{t("cart.continue")}</Link>
      </p>
    </main>
  )
}
