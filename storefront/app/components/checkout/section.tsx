import { Link, useNavigation } from "@remix-run/react"
import type { ReactNode } from "react"
import type { MessageKey } from "~/i18n"
import type { CheckoutAnswer } from "~/lib/checkout/checkout"
import { STEPS, type Step } from "~/lib/checkout/checkout-steps"
import { waitText } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"

export const STEP_LABEL: Record<Step, MessageKey> = {
  email: "checkout.step.email",
  address: "checkout.step.address",
  shipping: "checkout.step.shipping",
  payment: "checkout.step.payment",
  review: "checkout.step.review",
}

/** done: closed to its summary with an edit link; open: its form; later: only its heading, until the ones before are done. */
export type SectionState = "done" | "open" | "later"

export function sectionState(section: Step, current: Step, open: Step): SectionState {
  if (section === current) return "open"
  return STEPS.indexOf(section) < STEPS.indexOf(open) ? "done" : "later"
}

/**
 * One collapsible section of the one-page checkout; the one being worked on is aria-current="step". (Not labelled
 * by its heading: a label "อีเมล" on the section would also answer for the e-mail field's label.) Opening another section is a link (?step=…), so it works
 * without JavaScript; with JavaScript Remix swaps the page's data without a reload.
 */
export function CheckoutSection({ step, state, summary, children }: { step: Step; state: SectionState; summary?: ReactNode; children?: ReactNode }) {
  const { t, lp } = useI18n()
  const label = t(STEP_LABEL[step])
  return (
    <section id={`checkout-${step}`} className="checkout-section" data-state={state} aria-current={state === "open" ? "step" : undefined}>
      <div className="section-head">
        <h2>
          <span className="step-number" aria-hidden="true">
            {state === "done" ? "✓" : STEPS.indexOf(step) + 1}
          </span>
          {label}
        </h2>
        {state === "done" ? (
          <Link to={`${lp("/checkout")}?step=${step}`} preventScrollReset aria-label={`${t("checkout.edit")} ${label}`}>
            {t("checkout.edit")}
          </Link>
        ) : null}
      </div>
      {state === "done" && summary ? <div className="section-summary">{summary}</div> : null}
      {state === "open" ? <div className="section-body">{children}</div> : null}
    </section>
  )
}

/** The section's own refusal (not a field's): the Medusa refusal, the throttle with its wait. */
export function SectionError({ answer }: { answer: CheckoutAnswer | undefined }) {
  const { t } = useI18n()
  if (!answer?.error) return null
  const wait = answer.retryAfterSeconds ? waitText(t, answer.retryAfterSeconds) : ""
  return (
    <p className="error" role="alert">
      {t(answer.error, { wait })}
    </p>
  )
}

export function SubmitButton({ label, busyLabel, primary }: { label: string; busyLabel: string; primary?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === "submitting"
  return (
    <button type="submit" className={primary ? "primary" : undefined} disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  )
}

export function ContinueButton() {
  const { t } = useI18n()
  return <SubmitButton label={t("checkout.continue")} busyLabel={t("checkout.saving")} primary />
}
