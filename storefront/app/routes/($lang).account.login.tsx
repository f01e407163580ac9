import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useNavigation } from "@remix-run/react"
import { FormField } from "~/components/form-field"
import { ShopForm } from "~/components/shop-form"
import { localePath, type MessageKey } from "~/i18n"
import { verifiedForm } from "~/lib/security/csrf.server"
import { login } from "~/lib/account/customer.server"
import { waitText } from "~/lib/i18n/format"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { commitSession, getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("เข้าสู่ระบบ", "Log in")
export const headers = personalPageHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  if (session.get("token")) throw redirect(localePath(locale, "/account"))
  return null
}

type LoginErrors = { email?: MessageKey; password?: MessageKey; form?: MessageKey; retryAfterSeconds?: number; values: { email: string } }

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const form = await verifiedForm(request, context)
  const email = String(form.get("email") ?? "").trim()
  const password = String(form.get("password") ?? "")
  const errors: LoginErrors = { values: { email } }
  if (!email) errors.email = "error.required"
  if (!password) errors.password = "error.required"
  if (errors.email || errors.password) return data(errors, { status: 400 })
  const result = await login(session, email, password, clientIpOf(context))
  if (!result.ok && result.throttled) {
    // Too many attempts on this account or from this network (decision 0024): say how long to wait.
    const retryAfterSeconds = result.retryAfterSeconds
    return data<LoginErrors>({ ...errors, form: "error.tooManyLogins", retryAfterSeconds }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } })
  }
  if (!result.ok) return data<LoginErrors>({ ...errors, form: "error.login" }, { status: 401 })
  return redirect(localePath(locale, "/account"), { headers: { "Set-Cookie": await commitSession(session) } })
}

export default function Login() {
  const errors = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <main className="narrow">
      <h1>{t("account.login")}</h1>
      {errors?.form ? (
        <p className="error" role="alert">
          {t(errors.form, { wait: errors.retryAfterSeconds ? waitText(t, errors.retryAfterSeconds) : "" })}
        </p>
      ) : null}
      <ShopForm noValidate className="form-grid">
        <FormField name="email" type="email" label={t("field.email")} value={errors?.values.email} error={errors?.email} autoComplete="email" inputMode="email" />
        <FormField name="password" type="password" label={t("field.password")} error={errors?.password} autoComplete="current-password" />
        <p>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? t("account.loggingIn") : t("account.login")}
          </button>
        </p>
      </ShopForm>
      <p>
        <Link to={lp("/account/forgot-password")}>{t("reset.forgotLink")}</Link>
      </p>
      <p>
        {t("account.noAccount")} <Link to={lp("/account/register")}>{t("account.register")}</Link>
      </p>
    </main>
  )
}
