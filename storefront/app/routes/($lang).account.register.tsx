import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data, redirect } from "@remix-run/node"
import { Link, useActionData, useNavigation } from "@remix-run/react"
import { FormField } from "~/components/form-field"
import { ShopForm } from "~/components/shop-form"
import { localePath, type MessageKey } from "~/i18n"
import { verifiedForm } from "~/lib/security/csrf.server"
import { register, type PasswordReason } from "~/lib/account/customer.server"
import { waitText } from "~/lib/i18n/format"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { commitSession, getSession } from "~/lib/account/session.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("สมัครสมาชิก", "Create account")
export const headers = personalPageHeaders

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  if ((await getSession(request)).get("token")) throw redirect(localePath(locale, "/account"))
  return null
}

const FIELDS = ["first_name", "last_name", "email", "password"] as const
type Field = (typeof FIELDS)[number]
type RegisterErrors = { fields: Partial<Record<Field, MessageKey>>; form?: MessageKey; retryAfterSeconds?: number; values: Partial<Record<Field, string>> }

// The backend's password policy (decision 0024), as the form says it.
const PASSWORD_MESSAGE: Record<PasswordReason, MessageKey> = {
  missing: "error.required",
  too_short: "error.password",
  too_long: "error.passwordLong",
  common: "error.passwordCommon",
  email: "error.passwordEmail",
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const session = await getSession(request)
  const form = await verifiedForm(request, context)
  const v = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "").trim()])) as Record<Field, string>
  const fields: RegisterErrors["fields"] = {}
  for (const f of FIELDS) if (!v[f]) fields[f] = "error.required"
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) fields.email = "error.email"
  const values = { ...v, password: "" }
  if (Object.keys(fields).length) return data<RegisterErrors>({ fields, values }, { status: 400 })
  const result = await register(session, { ...v, locale }, clientIpOf(context))
  if (!result.ok && result.kind === "password") return data<RegisterErrors>({ fields: { password: PASSWORD_MESSAGE[result.reason] }, values }, { status: 400 })
  if (!result.ok && result.kind === "throttled") {
    const retryAfterSeconds = result.retryAfterSeconds
    return data<RegisterErrors>({ fields: {}, form: "error.tooManyRegistrations", retryAfterSeconds, values }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } })
  }
  // Whether or not the e-mail has an account, the same words (decision 0024).
  if (!result.ok) return data<RegisterErrors>({ fields: {}, form: "error.registerFailed", values }, { status: 400 })
  return redirect(localePath(locale, "/account"), { headers: { "Set-Cookie": await commitSession(session) } })
}

export default function Register() {
  const errors = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  const e = errors?.fields ?? {}
  const v = errors?.values ?? {}
  return (
    <main className="narrow">
      <h1>{t("account.register")}</h1>
      {errors?.form ? (
        <p className="error" role="alert">
          {t(errors.form, { wait: errors.retryAfterSeconds ? waitText(t, errors.retryAfterSeconds) : "" })}
        </p>
      ) : null}
      <ShopForm noValidate className="form-grid">
        <FormField name="first_name" label={t("field.firstName")} value={v.first_name} error={e.first_name} autoComplete="given-name" />
        <FormField name="last_name" label={t("field.lastName")} value={v.last_name} error={e.last_name} autoComplete="family-name" />
        <FormField name="email" type="email" label={t("field.email")} value={v.email} error={e.email} autoComplete="email" inputMode="email" />
        <FormField name="password" type="password" label={t("field.password")} error={e.password} autoComplete="new-password" />
        <p>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? t("account.registering") : t("account.register")}
          </button>
        </p>
      </ShopForm>
      <p>
        {t("account.haveAccount")} <Link to={lp("/account/login")}>{t("account.login")}</Link>
      </p>
    </main>
  )
}
