import { useNavigation } from "@remix-run/react"
import type { MessageKey } from "~/i18n"
import { useI18n } from "~/lib/i18n/use-i18n"
import { ShopForm } from "./shop-form"

/** The transfer slip form: a plain multipart form (works without JavaScript). */
export function SlipUpload({ answer }: { answer: string | undefined }) {
  const { t } = useI18n()
  const busy = useNavigation().state === "submitting"
  return (
    <section className="review-block" aria-labelledby="slip-heading" data-testid="slip-upload">
      <h2 id="slip-heading">{t("slip.title")}</h2>
      {answer === "received" ? (
        <p role="status" data-testid="slip-received">
          {t("slip.received")}
        </p>
      ) : answer ? (
        <p className="error" role="alert" data-testid="slip-refused">
          {t(`slip.${answer}` as MessageKey)}
        </p>
      ) : null}
      <ShopForm encType="multipart/form-data">
        <input type="hidden" name="intent" value="slip" />
        <p>
          <label htmlFor="slip-file">{t("slip.choose")}</label>
          <br />
          <input id="slip-file" type="file" name="slip" accept="image/jpeg,image/png,image/webp" required />
        </p>
        <p>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t("slip.send")}
          </button>
        </p>
      </ShopForm>
    </section>
  )
}
