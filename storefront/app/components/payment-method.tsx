import type { MessageKey } from "~/i18n"
import { useI18n } from "~/lib/i18n/use-i18n"

export type PaymentMethodView = { providerId: string; value: string; kind: "manual" | "stripe" | "promptpay"; label: MessageKey; help: MessageKey | null }

/** Bank transfer / cash on delivery, and native PromptPay (its QR comes with the placed order): nothing to collect here. */
function PaymentHelp({ method }: { method: PaymentMethodView }) {
  const { t } = useI18n()
  return method.help ? <small className="muted"> — {t(method.help)}</small> : null
}

/** One radio per payment method; the extra UI of a provider (card field, PromptPay QR) goes in its component. */
export function PaymentMethodOption({ method, checked }: { method: PaymentMethodView; checked: boolean }) {
  const { t } = useI18n()
  return (
    <label className="choice">
      <input type="radio" name="provider_id" value={method.value} defaultChecked={checked} required />
      <span>
        {t(method.label)}
        <PaymentHelp method={method} />
      </span>
    </label>
  )
}
