import { Text } from "@medusajs/ui"
import { useUserLabel } from "../lib/queries"
import { useT } from "../lib/use-t"
import type { Audit } from "../lib/types"

/** Who created and last changed a record (the API sets these from the logged-in admin). */
export function AuditLine(props: { record: Audit }) {
  const { t, dateTime } = useT()
  const creator = useUserLabel(props.record.created_by)
  const updater = useUserLabel(props.record.updated_by)
  const changed = props.record.updated_at && props.record.updated_at !== props.record.created_at
  return (
    <Text size="xsmall" className="text-ui-fg-subtle">
      {t("common.createdBy", { who: creator, when: dateTime(props.record.created_at) })}
      {changed && props.record.updated_by
        ? ` · ${t("common.updatedBy", { who: updater, when: dateTime(props.record.updated_at) })}`
        : ""}
    </Text>
  )
}
