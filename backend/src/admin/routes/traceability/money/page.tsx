import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { bangkokToday, formatBaht } from "@mae-mok/traceability"
import { useEffect, useRef, useState, type FormEvent } from "react"
import { Field, Form, FormError, NativeSelect, TextField } from "../../../components/form"
import { Page, Section } from "../../../components/section"
import { TraceNav } from "../../../components/trace-nav"
import { api, localizedMessage, query } from "../../../lib/api"
import { useHouseholds, useSpecies } from "../../../lib/queries"
import { useT } from "../../../lib/use-t"

type Json = Record<string, any>
const MONEY = ["maemok", "money"] as const

/** Baht typed by a member ("45.50") → satang; NaN when it is not a number with at most 2 decimals. */
function toSatang(baht: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(baht.trim())) return Number.NaN
  const [whole, frac = ""] = baht.trim().split(".")
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"))
}

function useMoney<T>(path: string, enabled = true) {
  return useQuery({ queryKey: [...MONEY, path], queryFn: () => api<T>(path), enabled, retry: false })
}

function usePost() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (call: { path: string; body: Json }) => api<Json>(call.path, { method: "POST", body: call.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: MONEY }),
  })
}

function PricesAndRules() {
  const { t, language } = useT()
  const species = useSpecies()
  const prices = useMoney<{ farm_gate_prices: Json[] }>("/admin/farm-gate-prices")
  const rules = useMoney<{ share_rules: Json[] }>("/admin/share-rules")
  const addPrice = usePost()
  const addRule = usePost()
  const [speciesId, setSpeciesId] = useState("")
  const [price, setPrice] = useState("")
  const [priceFrom, setPriceFrom] = useState(() => bangkokToday())
  const [percent, setPercent] = useState("")
  const [ruleFrom, setRuleFrom] = useState(() => bangkokToday())
  const submitPrice = (e: FormEvent) => {
    e.preventDefault()
    addPrice.mutate({ path: "/admin/farm-gate-prices", body: { species_id: speciesId, price_per_kg_satang: toSatang(price), valid_from: priceFrom } }, { onSuccess: () => (toast.success(t("common.saved")), setPrice("")) })
  }
  const submitRule = (e: FormEvent) => {
    e.preventDefault()
    addRule.mutate({ path: "/admin/share-rules", body: { product_id: null, basis_points: Math.round(Number(percent) * 100), valid_from: ruleFrom } }, { onSuccess: () => (toast.success(t("common.saved")), setPercent("")) })
  }
  return (
    <>
      <Section title={t("money.prices")}>
        <Form onSubmit={submitPrice} className="mb-4 grid gap-3 sm:grid-cols-4" aria-label={t("money.addPrice")}>
          <Field id="price-species" label={t("money.species")}>
            <NativeSelect id="price-species" required value={speciesId} onChange={(e) => setSpeciesId(e.target.value)}>
              <option value="">{t("common.choose")}</option>
              {(species.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.thai_name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <TextField id="price-baht" label={t("money.priceBaht")} inputMode="decimal" required value={price} onChange={setPrice} />
          <TextField id="price-from" label={t("money.from")} type="date" required value={priceFrom} onChange={setPriceFrom} />
          <div className="flex items-end">
            <Button type="submit" isLoading={addPrice.isPending} className="w-full">
              {t("money.addPrice")}
            </Button>
          </div>
        </Form>
        {addPrice.error && <FormError message={localizedMessage(addPrice.error as Error, language)} />}
        <RuleTable rows={(prices.data?.farm_gate_prices ?? []).map((p) => ({ id: p.id, what: p.species_name ?? p.species_id, value: `${formatBaht(p.price_per_kg_satang)}`, ...p }))} />
      </Section>
      <Section title={t("money.rules")}>
        <Form onSubmit={submitRule} className="mb-4 grid gap-3 sm:grid-cols-3" aria-label={t("money.addRule")}>
          <TextField id="rule-percent" label={t("money.percent")} inputMode="decimal" required value={percent} onChange={setPercent} />
          <TextField id="rule-from" label={t("money.from")} type="date" required value={ruleFrom} onChange={setRuleFrom} />
          <div className="flex items-end">
            <Button type="submit" isLoading={addRule.isPending} className="w-full">
              {t("money.addRule")}
            </Button>
          </div>
        </Form>
        {addRule.error && <FormError message={localizedMessage(addRule.error as Error, language)} />}
        <RuleTable rows={(rules.data?.share_rules ?? []).map((r) => ({ id: r.id, what: r.product_title ?? t("money.allProducts"), value: `${r.basis_points / 100}%`, ...r }))} />
      </Section>
    </>
  )
}

function RuleTable({ rows }: { rows: Json[] }) {
  const { t } = useT()
  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t("money.item")}</Table.HeaderCell>
            <Table.HeaderCell>{t("money.amount")}</Table.HeaderCell>
            <Table.HeaderCell>{t("money.from")}</Table.HeaderCell>
            <Table.HeaderCell>{t("money.until")}</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.id}>
              <Table.Cell>{r.what}</Table.Cell>
              <Table.Cell>{r.value}</Table.Cell>
              <Table.Cell>{r.valid_from}</Table.Cell>
              <Table.Cell>{r.valid_until ?? t("money.open")}</Table.Cell>
              <Table.Cell>{r.current ? t("money.current") : ""}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

function Statement() {
  const { t, language } = useT()
  const households = useHouseholds()
  const [householdId, setHouseholdId] = useState("")
  const [month, setMonth] = useState(() => bangkokToday().slice(0, 7))
  const statement = useMoney<{ statement: Json }>(`/admin/households/${householdId}/statement${query({ month })}`, !!householdId)
  const pay = usePost()
  const [amount, setAmount] = useState("")
  const [method, setMethod] = useState("cash")
  const [paidOn, setPaidOn] = useState(() => bangkokToday())
  const [paidBy, setPaidBy] = useState("")
  const [receiptUrl, setReceiptUrl] = useState<string | null>(null)
  const s = statement.data?.statement
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body: Json = { amount_satang: toSatang(amount), method, paid_on: paidOn, ...(paidBy ? { paid_by_name: paidBy } : {}) }
    pay.mutate(
      { path: `/admin/households/${householdId}/payments`, body },
      {
        onSuccess: (r) => {
          toast.success(t("money.paid"))
          setReceiptUrl(r.payment.receipt_url)
          setAmount("")
        },
      }
    )
  }
  return (
    <Section title={t("money.statement")} subtitle={t("money.private")}>
      <div className="mb-4 grid gap-3 sm:grid-cols-2 print:hidden">
        <Field id="st-household" label={t("money.household")}>
          <NativeSelect id="st-household" value={householdId} onChange={(e) => (setHouseholdId(e.target.value), setReceiptUrl(null))}>
            <option value="">{t("common.choose")}</option>
            {(households.data ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.code} · {h.alias}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <TextField id="st-month" label={t("money.month")} type="month" value={month} onChange={setMonth} />
      </div>
      {statement.error && <FormError message={localizedMessage(statement.error as Error, language)} />}
      {s?.masked && <Text data-testid="statement-masked">{t("money.masked")}</Text>}
      {s && !s.masked && (
        <div data-testid="statement" className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-2 print:hidden">
            <Button variant="secondary" onClick={() => window.print()}>
              {t("money.print")}
            </Button>
            <a className="txt-compact-small-plus rounded-md px-3 py-2 shadow-borders-base" href={`/admin/households/${householdId}/statement.csv${query({ month })}`}>
              {t("money.csv")}
            </a>
          </div>
          <Text weight="plus">
            {s.household.code} · {s.household.alias} · {s.month}
          </Text>
          <div className="overflow-x-auto">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("money.date")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("money.item")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("money.amount")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                <Table.Row>
                  <Table.Cell>{s.from}</Table.Cell>
                  <Table.Cell>{t("money.opening")}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap text-right">{formatBaht(s.openingBalanceSatang)}</Table.Cell>
                </Table.Row>
                {s.lines.map((l: Json, i: number) => (
                  <Table.Row key={i}>
                    <Table.Cell>{l.date}</Table.Cell>
                    <Table.Cell className="whitespace-normal">{l.description_th}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right">{formatBaht(l.satang)}</Table.Cell>
                  </Table.Row>
                ))}
                <Table.Row>
                  <Table.Cell>{s.to}</Table.Cell>
                  <Table.Cell>
                    <strong>{t("money.closing")}</strong>
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap text-right" data-testid="closing-balance">
                    <strong>{formatBaht(s.closingBalanceSatang)}</strong>
                  </Table.Cell>
                </Table.Row>
              </Table.Body>
            </Table>
          </div>
          <Form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 print:hidden" aria-label={t("money.pay")}>
            <TextField id="pay-amount" label={t("money.payAmount")} inputMode="decimal" required value={amount} onChange={setAmount} />
            <Field id="pay-method" label={t("money.method")}>
              <NativeSelect id="pay-method" value={method} onChange={(e) => setMethod(e.target.value)}>
                <option value="cash">{t("money.methodCash")}</option>
                <option value="bank_transfer">{t("money.methodBank")}</option>
                <option value="promptpay">{t("money.methodPromptpay")}</option>
              </NativeSelect>
            </Field>
            <TextField id="pay-date" label={t("money.paidOn")} type="date" required value={paidOn} onChange={setPaidOn} />
            <TextField id="pay-by" label={t("money.paidBy")} value={paidBy} onChange={setPaidBy} />
            <Button type="submit" isLoading={pay.isPending}>
              {t("money.pay")}
            </Button>
            {receiptUrl && (
              <a data-testid="receipt-link" className="txt-compact-small-plus self-center text-ui-fg-interactive" href={receiptUrl} target="_blank" rel="noreferrer">
                {t("money.receipt")}
              </a>
            )}
          </Form>
          {pay.error && <FormError message={localizedMessage(pay.error as Error, language)} />}
        </div>
      )}
    </Section>
  )
}

function Payout() {
  const { t, language } = useT()
  const [asOf, setAsOf] = useState(() => bangkokToday())
  const run = useMoney<{ payees: Json[]; total_satang: number; negative: Json[] }>(`/admin/payout-run${query({ as_of: asOf })}`)
  const pay = usePost()
  const [method, setMethod] = useState("bank_transfer")
  const [skip, setSkip] = useState<Set<string>>(new Set())
  const payees = (run.data?.payees ?? []).filter((p) => !skip.has(p.household_id))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    pay.mutate(
      { path: "/admin/payout-run", body: { as_of: asOf, method, paid_on: bangkokToday(), payments: payees.map((p) => ({ household_id: p.household_id, amount_satang: p.balance_satang })) } },
      { onSuccess: () => toast.success(t("money.paid")) }
    )
  }
  if (run.error) return <Section title={t("money.payout")}><FormError message={localizedMessage(run.error as Error, language)} /></Section>
  return (
    <Section title={t("money.payout")}>
      <Form onSubmit={submit} className="flex flex-col gap-3" aria-label={t("money.payout")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id="run-as-of" label={t("money.asOf")} type="date" value={asOf} onChange={setAsOf} />
          <Field id="run-method" label={t("money.method")}>
            <NativeSelect id="run-method" value={method} onChange={(e) => setMethod(e.target.value)}>
              <option value="cash">{t("money.methodCash")}</option>
              <option value="bank_transfer">{t("money.methodBank")}</option>
              <option value="promptpay">{t("money.methodPromptpay")}</option>
            </NativeSelect>
          </Field>
        </div>
        {run.data && run.data.payees.length === 0 ? (
          <Text size="small">{t("money.nobodyOwed")}</Text>
        ) : (
          <ul className="divide-y" data-testid="payout-list">
            {(run.data?.payees ?? []).map((p) => (
              <li key={p.household_id} className="flex items-center justify-between gap-2 py-2">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={!skip.has(p.household_id)}
                    onChange={(e) => setSkip((old) => {
                      const next = new Set(old)
                      if (e.target.checked) next.delete(p.household_id)
                      else next.add(p.household_id)
                      return next
                    })}
                  />
                  <span>
                    {p.code} · {p.alias}
                  </span>
                </label>
                <span>{formatBaht(p.balance_satang)}</span>
              </li>
            ))}
          </ul>
        )}
        <Text weight="plus">
          {t("money.total")} {formatBaht(payees.reduce((s, p) => s + p.balance_satang, 0))}
        </Text>
        <Button type="submit" disabled={payees.length === 0} isLoading={pay.isPending}>
          {t("money.payAll")}
        </Button>
        {pay.error && <FormError message={localizedMessage(pay.error as Error, language)} />}
      </Form>
    </Section>
  )
}

function MonthChart({ months, labels }: { months: Json[]; labels: { earned: string; paid: string } }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (!canvas.current) return
    let chart: { destroy(): void } | null = null
    let gone = false
    // chart.js is an ES module: loaded on first use (the admin bundles it).
    void import("chart.js").then(({ Chart, BarController, BarElement, CategoryScale, Legend, LinearScale, Tooltip }) => {
      if (gone || !canvas.current) return
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)
      chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: months.map((m) => m.month),
        datasets: [
          { label: labels.earned, data: months.map((m) => m.earned_satang / 100), backgroundColor: "#2f7d4a" },
          { label: labels.paid, data: months.map((m) => m.paid_satang / 100), backgroundColor: "#c9a227" },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
      })
    })
    return () => {
      gone = true
      chart?.destroy()
    }
  }, [months, labels.earned, labels.paid])
  return (
    <div className="relative h-64 w-full">
      <canvas ref={canvas} role="img" aria-label={`${labels.earned} / ${labels.paid}`} data-testid="impact-chart" />
    </div>
  )
}

function Impact() {
  const { t, language } = useT()
  const [year, setYear] = useState(() => bangkokToday().slice(0, 4))
  const [line, setLine] = useState("")
  const impact = useMoney<{ impact: Json; months: Json[] }>(`/admin/impact${query({ year, poverty_line: line || undefined })}`)
  if (impact.error) return <Section title={t("money.impact")}><FormError message={localizedMessage(impact.error as Error, language)} /></Section>
  const r = impact.data?.impact
  return (
    <Section title={t("money.impact")} subtitle={t("money.private")}>
      <div className="mb-4 grid gap-3 sm:grid-cols-2">
        <TextField id="impact-year" label={t("money.year")} type="number" value={year} onChange={setYear} />
        <TextField id="impact-line" label={t("money.povertyLine")} inputMode="decimal" value={line} onChange={setLine} />
      </div>
      {r && (
        <div className="flex flex-col gap-3" data-testid="impact">
          <Text>
            {t("money.earned")}: <strong>{formatBaht(r.earnedSatang)}</strong> · {t("money.paidOut")}: <strong>{formatBaht(r.paidSatang)}</strong> · {t("money.householdsEarning")}:{" "}
            <strong>{r.householdsEarning}</strong>
            {r.householdsCrossedPovertyLine !== null && (
              <>
                {" "}
                · {t("money.crossed")}: <strong>{r.householdsCrossedPovertyLine}</strong>
              </>
            )}
          </Text>
          <MonthChart months={impact.data!.months} labels={{ earned: t("money.earned"), paid: t("money.paidOut") }} />
          {(["byVillage", "byPovertyTier"] as const).map((k) => (
            <div key={k} className="overflow-x-auto">
              <Text weight="plus">{t(k === "byVillage" ? "money.byVillage" : "money.byTier")}</Text>
              <Table>
                <Table.Body>
                  {(r[k] as Json[]).map((g) => (
                    <Table.Row key={g.key}>
                      <Table.Cell>{g.key}</Table.Cell>
                      <Table.Cell className="text-right">{formatBaht(g.earnedSatang)}</Table.Cell>
                      <Table.Cell className="text-right">{g.householdsEarning}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          ))}
        </div>
      )}
    </Section>
  )
}

/** Household money (issue 13): prices and share rules, statements and payments, the payout run, impact. */
const MoneyPage = () => {
  const { t } = useT()
  return (
    <Page>
      <div className="print:hidden">
        <TraceNav />
      </div>
      <Statement />
      <div className="flex flex-col gap-y-3 print:hidden">
        <Payout />
        <PricesAndRules />
        <Impact />
      </div>
      <span className="sr-only">{t("money.title")}</span>
    </Page>
  )
}

export const config = defineRouteConfig({ label: "nav.money", translationNs: "maemok", rank: 7 })

export default MoneyPage
