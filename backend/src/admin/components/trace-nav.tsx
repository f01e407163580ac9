import { Link, useLocation } from "react-router-dom"
import { clx } from "@medusajs/ui"
import { useT } from "../lib/use-t"
import { LanguageSwitch } from "./language-switch"

const SECTIONS = ["households", "plots", "species", "herb-pages", "harvests", "batches", "scans", "label-reports", "money", "privacy"] as const

/** Section links at the top of every page: on a phone the sidebar is hidden behind a menu. */
export function TraceNav() {
  const { t } = useT()
  const { pathname } = useLocation()
  return (
    <nav aria-label={t("nav.traceability")} className="flex flex-wrap gap-2">
      {SECTIONS.map((s) => {
        const active = pathname.includes(`/traceability/${s}`)
        return (
          <Link
            key={s}
            to={`/traceability/${s}`}
            aria-current={active ? "page" : undefined}
            className={clx(
              "txt-compact-small-plus rounded-full px-3 py-1.5 shadow-borders-base",
              active ? "bg-ui-bg-base-pressed text-ui-fg-base" : "bg-ui-bg-base text-ui-fg-subtle hover:text-ui-fg-base"
            )}
          >
            {t(`nav.${s}`)}
          </Link>
        )
      })}
      <LanguageSwitch className="ms-auto" />
    </nav>
  )
}
