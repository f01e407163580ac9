import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { ShopForm } from "~/components/shop-form"
import { AddressFields, type AddressFieldErrors, type AddressValues } from "~/components/thai-address-fields"
import { localePath, type MessageKey } from "~/i18n"
import { addressFormLists, addressFromForm, formatAddress, shippingCountries, toMedusaAddress, validateAddress } from "~/lib/checkout/address.server"
import { verifiedForm } from "~/lib/security/csrf.server"
import { addAddress, currentCustomer, deleteAddress, emailVerifiedAt, listOrders, logout, resendVerification } from "~/lib/account/customer.server"
import { formatBaht, waitText } from "~/lib/i18n/format"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { medusaId } from "~/lib/medusa/medusa-ids.server"
import { commitSession, getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("บัญชีของฉัน", "My account")
export const headers = personalPageHeaders

const STATUS: Record<string, MessageKey> = {
  pending: "status.pending",
  completed: "status.completed",
  canceled: "status.canceled",
  archived: "status.archived",
  requires_action: "status.requires_action",
  draft: "status.draft",
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const customer = await currentCustomer(session)
  if (!customer) {
    throw redirect(localePath(locale, "/account/login"), { headers: { "Set-Cookie": await commitSession(session) } })
  }
  const orders = await listOrders(session, customer.id)
  return data(
    {
      name: customer.first_name || customer.email,
      email: customer.email,
      verified: emailVerifiedAt(customer) !== null,
      orders: orders.map((o) => ({
        id: o.id,
        displayId: o.display_id,
        date: new Date(o.created_at as string).toLocaleDateString(locale === "th" ? "th-TH" : "en-GB", { dateStyle: "medium", timeZone: "Asia/Bangkok" }),
        status: STATUS[o.status] ?? null,
        total: o.total,
      })),
      addresses: await Promise.all((customer.addresses ?? []).map(async (a) => ({ id: a.id, line: await formatAddress(a, locale) }))),
      lists: await addressFormLists(locale, {}),
    },
    { headers: { "Cache-Control": "private, no-store" } }
  )
}

type ActionResult = { fieldErrors?: AddressFieldErrors; values?: AddressValues; error?: MessageKey; resent?: boolean; retryAfterSeconds?: number }

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const form = await verifiedForm(request, context)
  const intent = form.get("intent")
  const back = async (path: string) => redirect(localePath(locale, path), { headers: { "Set-Cookie": await commitSession(session) } })
  if (intent === "logout") {
    logout(session)
    return back("/")
  }
  if (!session.get("token")) return back("/account/login")
  if (intent === "resend-verification") {
    const sent = await resendVerification(session, clientIpOf(context))
    if (sent.ok) return data<ActionResult>({ resent: true })
    return data<ActionResult>({ resent: false, retryAfterSeconds: sent.retryAfterSeconds }, { status: 429, headers: { "Retry-After": String(sent.retryAfterSeconds) } })
  }
  if (intent === "add-address") {
    const values = addressFromForm(form)
    const fieldErrors = await validateAddress(values, await shippingCountries())
    if (Object.keys(fieldErrors).length) return data<ActionResult>({ fieldErrors, values }, { status: 400 })
    await addAddress(session, toMedusaAddress(values))
    return back("/account")
  }
  if (intent === "delete-address") {
    // Medusa deletes only the customer's own addresses; the id is checked before it goes into the URL.
    const addressId = medusaId("address", form.get("address_id"))
    if (!addressId) return data<ActionResult>({ error: "error.badRequest" }, { status: 400 })
    await deleteAddress(session, addressId)
    return back("/account")
  }
  return data<ActionResult>({ error: "error.generic" }, { status: 400 })
}

export default function Account() {
  const { name, email, verified, orders, addresses, lists } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <main>
      <h1>{t("account.title")}</h1>
      {result?.error ? (
        <p className="error" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      <p>{t("account.hello", { name })}</p>
      {/* Unverified accounts shop as usual (decision 0053); the page only asks. */}
      {verified ? (
        <p data-testid="email-verified">
          {email} · <strong>✓ {t("verify.verified")}</strong>
        </p>
      ) : (
        <div className="notice" data-testid="email-unverified">
          <p>
            {email} · {t("verify.unverified")}
          </p>
          {result?.resent ? (
            <p role="status" data-testid="verify-resent">
              {t("verify.resent")}
            </p>
          ) : result?.retryAfterSeconds ? (
            <p className="error" role="alert" data-testid="verify-too-many">
              {t("verify.tooMany", { wait: waitText(t, result.retryAfterSeconds) })}
            </p>
          ) : null}
          <ShopForm>
            <input type="hidden" name="intent" value="resend-verification" />
            <button type="submit">{t("verify.resend")}</button>
          </ShopForm>
        </div>
      )}
      <ShopForm>
        <input type="hidden" name="intent" value="logout" />
        <button type="submit">{t("account.logout")}</button>
      </ShopForm>

      <section aria-labelledby="orders-h">
        <h2 id="orders-h">{t("account.orders")}</h2>
        {orders.length === 0 ? (
          <p>{t("account.noOrders")}</p>
        ) : (
          <ul className="order-list">
            {orders.map((o) => (
              <li key={o.id}>
                <Link to={lp(`/account/orders/${o.id}`)}>
                  {t("order.number")} #{o.displayId}
                </Link>{" "}
                · {o.date} · {o.status ? t(o.status) : null} · {formatBaht(o.total)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="addresses-h">
        <h2 id="addresses-h">{t("account.addresses")}</h2>
        {addresses.length === 0 ? <p>{t("account.noAddresses")}</p> : null}
        <ul className="order-list">
          {addresses.map((a) => (
            <li key={a.id}>
              {a.line}
              <ShopForm className="inline-form">
                <input type="hidden" name="intent" value="delete-address" />
                <input type="hidden" name="address_id" value={a.id} />
                <button type="submit" className="link-button" aria-label={`${t("account.deleteAddress")}: ${a.line}`}>
                  {t("account.deleteAddress")}
                </button>
              </ShopForm>
            </li>
          ))}
        </ul>
        <details open={Boolean(result?.fieldErrors) || addresses.length === 0}>
          <summary>{t("account.addAddress")}</summary>
          <ShopForm noValidate>
            <input type="hidden" name="intent" value="add-address" />
            <AddressFields values={result?.values ?? {}} errors={result?.fieldErrors ?? {}} {...lists} />
            <p>
              <button type="submit" className="primary" disabled={busy}>
                {t("account.saveAddress")}
              </button>
            </p>
          </ShopForm>
        </details>
      </section>
    </main>
  )
}
