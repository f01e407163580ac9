import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Text } from "@medusajs/ui"
import { Section } from "../components/section"
import { useT } from "../lib/use-t"

/** Above the product list: the printable A4 e-catalogue of the live catalogue (current prices at every download). */
const ECatalogueWidget = () => {
  const { t } = useT()
  return (
    <Section title={t("catalogue.title")}>
      <Text size="small" className="text-ui-fg-subtle">{t("catalogue.hint")}</Text>
      <a href="/admin/catalogue/pdf" download className="txt-compact-small-plus text-ui-fg-interactive" data-testid="e-catalogue-link">
        {t("catalogue.download")}
      </a>
    </Section>
  )
}

export const config = defineWidgetConfig({ zone: "product.list.before" })

export default ECatalogueWidget
