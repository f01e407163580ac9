import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react"
import { FormField } from "~/components/form-field"
import { ShopForm } from "~/components/shop-form"
import type { MessageKey } from "~/i18n"
import { verifiedForm } from "~/lib/security/csrf.server"
import { resetPassword, type PasswordReason } from "~/lib/account/customer.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { clientIpOf } from "~/lib/medusa/medusa.server"
import { PERSONAL_CACHE_CONTROL } from "~/lib/render/http-cache.server"
import { privatePageMeta } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

export const meta = privatePageMeta("ตั้งรหัสผ่านใหม่", "Choose a new password")
// The token is in this page's URL: never cached, never sent on as a Referer.
export const headers = () => ({ "Cache-Control": PERSONAL_CACHE_CONTROL, "Referrer-Policy": "no-referrer" })

const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export async function loader({ params, request }: LoaderFunctionArgs) {
  requireLocale(params)
  const url = new URL(request.url)
  const token = url.searchParams.get("token") ?? ""
  return { token: TOKEN.test(token) && token.length < 4096 ? token : null, email: url.searchParams.get("email") ?? "" }
}

const PASSWORD_MESSAGE: Record<PasswordReason, MessageKey> = {
  missing: "error.required",
  too_short: "error.password",
  too_long: "error.passwordLong",
  common: "error.passwordCommon",
  email: "error.passwordEmail",
}

type Answer = { done?: boolean; password?: MessageKey; form?: MessageKey }

export async function action({ params, request, context }: ActionFunctionArgs) {
  requireLocale(params)
  const form = await verifiedForm(request, context)
  const token = String(form.get("token") ?? "")
  const password = String(form.get("password") ?? "")
  if (!TOKEN.test(token) || token.length >= 4096) return data<Answer>({ form: "reset.badLink" }, { status: 400 })
  if (!password) return data<Answer>({ password: "error.required" }, { status: 400 })
  const result = await resetPassword(token, password, clientIpOf(context))
  if (result.ok) return data<Answer>({ done: true })
  if (result.kind === "password") return data<Answer>({ password: PASSWORD_MESSAGE[result.reason] }, { status: 400 })
  return data<Answer>({ form: "reset.badLink" }, { status: 401 })
}

export default function ResetPassword() {
  const { token, email } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { t, lp } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <main className="narrow">
      <h1>{t("reset.title")}</h1>
      {answer?.done ? (
        <p role="status" data-testid="reset-done">
          {t("reset.done")} <Link to={lp("/account/login")}>{t("account.login")}</Link>
        </p>
      ) : !token || answer?.form ? (
        <p className="error" role="alert" data-testid="reset-refused">
          {t(answer?.form ?? "reset.badLink")} <Link to={lp("/account/forgot-password")}>{t("reset.again")}</Link>
        </p>
      ) : (
        <ShopForm noValidate className="form-grid">
          {email ? <p>{email}</p> : null}
          <input type="hidden" name="token" value={token} />
          <FormField name="password" type="password" label={t("reset.newPassword")} error={answer?.password} autoComplete="new-password" />
          <p>
            <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
              {t("reset.save")}
            </button>
          </p>
        </ShopForm>
      )}
    </main>
  )
}
