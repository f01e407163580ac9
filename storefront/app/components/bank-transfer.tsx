import type { BankTransferDetails } from "~/lib/checkout/bank-transfer.server"
import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"

/** Where and how much to transfer, for an order paid by bank transfer and not yet confirmed. */
export function BankTransferBlock({ bank, amount, displayId }: { bank: BankTransferDetails; amount: number; displayId: number | string | undefined }) {
  const { t } = useI18n()
  return (
    <section className="review-block" aria-labelledby="bank-transfer-heading" data-testid="bank-transfer">
      <h2 id="bank-transfer-heading">{t("bank.title")}</h2>
      <dl>
        <dt>{t("bank.bank")}</dt>
        <dd>{bank.bankName}</dd>
        <dt>{t("bank.accountName")}</dt>
        <dd>{bank.accountName}</dd>
        <dt>{t("bank.accountNumber")}</dt>
        <dd>
          <strong>{bank.accountNumber}</strong>
        </dd>
        <dt>{t("bank.amount")}</dt>
        <dd>
          <strong>{formatBaht(amount)}</strong>
        </dd>
      </dl>
      <p>{t("bank.slip", { number: String(displayId ?? "") })}</p>
    </section>
  )
}
