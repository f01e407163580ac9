import { Switch, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { FormError } from "../../../components/form"
import { Loading, Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api, localizedMessage, type ApiError } from "../../../lib/api"
import { useT } from "../../../lib/use-t"

type AccessUser = { id: string; email: string; name: string; store_owner: boolean; may_see_household_private: boolean }
type Reveal = {
  id: string
  revealed_at: string
  field: string
  household: { id: string; code: string | null; alias: string | null }
  user: { id: string; email: string | null }
}

const accessKey = ["maemok", "household-access"] as const
const revealsKey = ["maemok", "household-reveals"] as const

// The field names as the household form labels them.
const FIELD_LABEL: Record<string, string> = {
  family_name: "household.familyName",
  poverty_tier: "household.povertyTier",
  poverty_status: "household.povertyTier",
  national_id: "household.nationalId",
  phone: "household.phone",
  income_thb_per_year: "household.income",
  address: "household.address",
  tpmap_data: "privacy.tpmap",
}

/** For the store owner: who may see household private data, and every reveal (PDPA accountability). */
const PrivacyPage = () => {
  const { t } = useT()
  return (
    <Page>
      <TraceNav />
      <Section title={t("privacy.title")} subtitle={t("privacy.intro")} level="h1">
        <Access />
      </Section>
      <Section title={t("privacy.revealsTitle")} subtitle={t("privacy.revealsHint")}>
        <Reveals />
      </Section>
    </Page>
  )
}

function Access() {
  const { t, language } = useT()
  const client = useQueryClient()
  const users = useQuery({ queryKey: accessKey, queryFn: () => api<{ users: AccessUser[] }>("/admin/household-access").then((r) => r.users), retry: false })
  const grant = useMutation({
    mutationFn: (v: { id: string; allowed: boolean }) => api(`/admin/household-access/${encodeURIComponent(v.id)}`, { body: { allowed: v.allowed } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accessKey })
      toast.success(t("common.saved"))
    },
    onError: (e) => toast.error(localizedMessage(e as ApiError, language)),
  })
  if (users.isLoading) return <Loading text={t("common.loading")} />
  if (users.error) return <FormError message={localizedMessage(users.error as ApiError, language)} />
  return (
    <ul className="flex flex-col gap-y-3" data-testid="household-access">
      {(users.data ?? []).map((u) => (
        <li key={u.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Switch
            id={`access-${u.id}`}
            checked={u.may_see_household_private}
            disabled={u.store_owner || grant.isPending}
            onCheckedChange={(allowed) => grant.mutate({ id: u.id, allowed })}
            aria-label={t("privacy.grant", { who: u.email })}
          />
          <label htmlFor={`access-${u.id}`} className="txt-compact-small">
            {u.name ? `${u.name} · ${u.email}` : u.email}
            {u.store_owner && <span className="text-ui-fg-subtle"> · {t("privacy.owner")}</span>}
          </label>
        </li>
      ))}
    </ul>
  )
}

function Reveals() {
  const { t, language, dateTime } = useT()
  const reveals = useQuery({ queryKey: revealsKey, queryFn: () => api<{ reveals: Reveal[] }>("/admin/household-reveals").then((r) => r.reveals), retry: false })
  if (reveals.isLoading) return <Loading text={t("common.loading")} />
  if (reveals.error) return <FormError message={localizedMessage(reveals.error as ApiError, language)} />
  if (!reveals.data?.length) return <Text size="small">{t("privacy.noReveals")}</Text>
  return (
    <div className="overflow-x-auto" data-testid="reveal-log">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t("privacy.when")}</Table.HeaderCell>
            <Table.HeaderCell>{t("privacy.who")}</Table.HeaderCell>
            <Table.HeaderCell>{t("privacy.household")}</Table.HeaderCell>
            <Table.HeaderCell>{t("privacy.field")}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {reveals.data.map((r) => (
            <Table.Row key={r.id}>
              <Table.Cell>{dateTime(r.revealed_at)}</Table.Cell>
              <Table.Cell>{r.user.email ?? r.user.id}</Table.Cell>
              <Table.Cell>
                <Link to={`/traceability/households/${r.household.id}`} className="text-ui-fg-interactive">
                  {r.household.code ? `${r.household.code} · ${r.household.alias}` : r.household.id}
                </Link>
              </Table.Cell>
              <Table.Cell>{FIELD_LABEL[r.field] ? t(FIELD_LABEL[r.field]!) : r.field}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

export default PrivacyPage
