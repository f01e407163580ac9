import { StatusBadge } from "@medusajs/ui"
import { bangkokToday, daysBetween } from "@mae-mok/traceability"
import { useT } from "../lib/use-t"
import type { BatchStatus, Certification } from "../lib/types"

/** Certificates expiring within this many days are flagged (issue 6). */
export const EXPIRY_WARNING_DAYS = 60

export type CertState = "revoked" | "suspended" | "expired" | "not_yet_valid" | "expiring" | "valid"

/** How a certificate stands today (Bangkok calendar date, both ends inclusive, as the core decides). */
export function certState(cert: Certification, today = bangkokToday()): { state: CertState; daysLeft: number } {
  const daysLeft = daysBetween(today, cert.valid_until)
  if (cert.status === "revoked" || cert.status === "suspended") return { state: cert.status, daysLeft }
  if (daysLeft < 0) return { state: "expired", daysLeft }
  if (cert.valid_from > today) return { state: "not_yet_valid", daysLeft }
  return { state: daysLeft <= EXPIRY_WARNING_DAYS ? "expiring" : "valid", daysLeft }
}

export function needsAttention(cert: Certification): boolean {
  const { state } = certState(cert)
  return state === "expired" || state === "expiring"
}

export function CertBadge(props: { cert: Certification }) {
  const { t } = useT()
  const { state, daysLeft } = certState(props.cert)
  const color = state === "valid" ? "green" : state === "expiring" || state === "not_yet_valid" ? "orange" : "red"
  const text =
    state === "expiring"
      ? t("cert.expiresIn", { count: daysLeft })
      : state === "not_yet_valid"
      ? t("cert.notYetValid")
      : t(`cert.${state}`)
  return (
    <StatusBadge color={color} data-cert-state={state}>
      {text}
    </StatusBadge>
  )
}

const BATCH_COLORS: Record<BatchStatus, "grey" | "green" | "orange" | "red"> = {
  draft: "grey",
  released: "green",
  on_hold: "orange",
  recalled: "red",
}

export function BatchStatusBadge(props: { status: BatchStatus }) {
  const { t } = useT()
  return <StatusBadge color={BATCH_COLORS[props.status]}>{t(`batch.statuses.${props.status}`)}</StatusBadge>
}
