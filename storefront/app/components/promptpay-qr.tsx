import { formatBaht } from "~/lib/i18n/format"
import type { OrderPaymentView } from "~/lib/checkout/checkout"
import { useI18n } from "~/lib/i18n/use-i18n"

export type { OrderPaymentView }

const STATE_LABEL = {
  awaiting: "payment.state.awaiting",
  paid: "payment.state.paid",
  cancelled: "payment.state.cancelled",
  pending: "payment.state.pending",
} as const

/** The order's payment state, and for native PromptPay awaiting payment the QR (a server-rendered image: no JavaScript needed). */
export function OrderPaymentState({ payment }: { payment: OrderPaymentView }) {
  const { t } = useI18n()
  const qr = payment.promptpay
  return (
    <section className="review-block" aria-labelledby="payment-state-heading" data-testid="payment-state" data-state={payment.state}>
      <h2 id="payment-state-heading">
        {t("checkout.step.payment")}: {t(STATE_LABEL[payment.state])}
      </h2>
      {qr ? (
        <figure className="promptpay-qr">
          <img
            src={qr.qrDataUrl}
            width={280}
            height={280}
            alt={t("payment.qrAlt", { amount: formatBaht(qr.amount) })}
          />
          <figcaption>
            <strong>{t("payment.scanToPay", { amount: formatBaht(qr.amount), id: qr.maskedId })}</strong>
            <br />
            {t("payment.awaitingHelp", { hours: qr.ttlHours })}
          </figcaption>
        </figure>
      ) : null}
      {payment.manualTtlHours ? <p>{t("payment.manualDeadline", { hours: payment.manualTtlHours })}</p> : null}
    </section>
  )
}
