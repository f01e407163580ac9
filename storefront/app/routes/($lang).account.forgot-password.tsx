import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Link, useActionData, useNavigation } from "@remix-run/react"
import { FormField } from "~/components/form-field"
import { ShopForm } from "~/components/shop-form"
import type { MessageKey } from "~/i18n"
import { verifiedForm } from "~/lib/security/csrf.server"
import { requestPasswordReset } from "~/lib/account/customer.server"
import { waitText } from "~/lib/i18n/format"
import { personalPageHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { privatePageMeta } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("ลืมรหัสผ่าน", "Forgot password")
export const headers = personalPageHeaders

export async function loader({ params }: LoaderFunctionArgs) {
  requireLocale(params)
  return null
}

type Answer = { sent?: boolean; email?: MessageKey; form?: MessageKey; retryAfterSeconds?: number; values: { email: string } }

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { locale } = requireLocale(params)
  const form = await verifiedForm(request, context)
  const email = String(form.get("email") ?? "").trim()
  if (!email) return data<Answer>({ email: "error.required", values: { email } }, { status: 400 })
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return data<Answer>({ email: "error.email", values: { email } }, { status: 400 })
  const result = await requestPasswordReset(email, locale, clientIpOf(context))
  if (!result.ok) {
    const retryAfterSeconds = result.retryAfterSeconds
    return data<Answer>({ form: "reset.tooMany", retryAfterSeconds, values: { email } }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } })
  }
  // The same words whether or not the e-mail has an account (decision 0024).
  return data<Answer>({ sent: true, values: { email } })
}

export default function ForgotPassword() {
  const answer = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <main className="narrow">
      <h1>{t("reset.forgotTitle")}</h1>
      {answer?.sent ? (
        <p role="status" data-testid="reset-sent">
          {t("reset.sent")}
        </p>
      ) : (
        <>
          <p>{t("reset.forgotIntro")}</p>
          {answer?.form ? (
            <p className="error" role="alert">
              {t(answer.form, { wait: answer.retryAfterSeconds ? waitText(t, answer.retryAfterSeconds) : "" })}
            </p>
          ) : null}
          <ShopForm noValidate className="form-grid">
            <FormField name="email" type="email" label={t("field.email")} value={answer?.values.email} error={answer?.email} autoComplete="email" inputMode="email" />
            <p>
              <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
                {t("reset.send")}
              </button>
            </p>
          </ShopForm>
        </>
      )}
      <p>
        <Link to={lp("/account/login")}>{t("account.login")}</Link>
      </p>
    </main>
  )
}
