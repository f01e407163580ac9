import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { ShopForm } from "~/components/shop-form"
import { verifiedForm } from "~/lib/security/csrf.server"
import { verifyEmailLink } from "~/lib/account/customer.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { PERSONAL_CACHE_CONTROL } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("ยืนยันอีเมล", "Confirm your e-mail")
// The token is in this page's URL: never cached, never sent on as a Referer.
export const headers = () => ({ "Cache-Control": PERSONAL_CACHE_CONTROL, "Referrer-Policy": "no-referrer" })

// `<customer id>.<secret>` (backend lib/auth/email-verification.ts).
const TOKEN = /^cus_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/

// Opening the link only shows a button: mail scanners that fetch links ahead of the reader would otherwise spend
// the single-use link before the buyer ever sees it (decision 0053). The button is a plain form (works without JS).
export async function loader({ params, request }: LoaderFunctionArgs) {
  requireLocale(params)
  const token = new URL(request.url).searchParams.get("token") ?? ""
  return { token: TOKEN.test(token) ? token : null }
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  requireLocale(params)
  const form = await verifiedForm(request, context)
  const token = String(form.get("token") ?? "")
  if (!TOKEN.test(token)) return data({ done: false }, { status: 400 })
  const ok = await verifyEmailLink(token, clientIpOf(context))
  return data({ done: ok }, { status: ok ? 200 : 400 })
}

export default function VerifyEmail() {
  const { token } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <main className="narrow">
      <h1>{t("verify.title")}</h1>
      {answer?.done ? (
        <p role="status" data-testid="verify-done">
          {t("verify.done")} <Link to={lp("/account")}>{t("account.title")}</Link>
        </p>
      ) : !token || answer ? (
        <p className="error" role="alert" data-testid="verify-refused">
          {t("verify.badLink")} <Link to={lp("/account/login")}>{t("account.login")}</Link>
        </p>
      ) : (
        <ShopForm>
          <p>{t("verify.intro")}</p>
          <input type="hidden" name="token" value={token} />
          <p>
            <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
              {t("verify.confirm")}
            </button>
          </p>
        </ShopForm>
      )}
    </main>
  )
}
