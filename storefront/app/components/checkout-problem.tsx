import { Link } from "@remix-run/react"
import type { MessageKey } from "~/i18n"
import type { CheckoutProblem } from "~/lib/checkout/checkout"
import { useI18n } from "~/lib/i18n/use-i18n"

export type { CheckoutProblem }

/** Why the order was not placed, on the review step; for a stock shortage, which lines and how many are left. */
export function CheckoutProblemNotice({ problem, lines }: { problem: CheckoutProblem; lines: { id: string; title: string; variantTitle: string }[] }) {
  const { t, lp } = useI18n()
  const short = (problem.shortLines ?? []).flatMap((s) => {
    const line = lines.find((l) => l.id === s.id)
    return line ? [{ ...s, title: [line.title, line.variantTitle].filter(Boolean).join(" · ") }] : []
  })
  return (
    <div className="error" role="alert" data-testid="checkout-problem" data-problem={problem.error}>
      <p>{t(problem.error, problem.vars)}</p>
      {short.length ? (
        <ul>
          {short.map((s) => (
            <li key={s.id}>{t("checkout.problem.stockLine", { title: s.title, n: s.available })}</li>
          ))}
        </ul>
      ) : null}
      {problem.shortLines || problem.error === "error.lineLimit" || problem.error === "error.orderLimit" ? (
        <p>
          <Link to={lp("/cart")}>{t("checkout.problem.editCart")}</Link>
        </p>
      ) : null}
    </div>
  )
}
