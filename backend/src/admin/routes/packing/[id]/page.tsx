import { Badge, Button, Text, toast, usePrompt } from "@medusajs/ui"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useEffect, useRef, useState } from "react"
import { useParams } from "react-router-dom"
import type { backwardTrace } from "../../../../lib/fulfilment/backward-trace"
import type { PackingState } from "../../../../lib/fulfilment/packing-state"
import { Form, FormError, Input } from "../../../components/form"
import { Loading, Page, Section } from "../../../components/section"
import { api, ApiError, localizedMessage } from "../../../lib/api"
import { startQrCamera } from "../../../lib/qr-camera"
import { scanSound } from "../../../lib/scan-feedback"
import { useT } from "../../../lib/use-t"

type Feedback = { ok: boolean; message: string; at: number }

/**
 * The packing view (issue 12): a phone or tablet at the packing table. Each scan — camera, keyboard scanner or
 * typed serial — is checked at once by the backend; the answer is a colour, a sound and a Thai message. When the
 * last line is covered, the backend creates the fulfilment.
 */
const PackingPage = () => {
  const { id } = useParams()
  const orderId = id!
  const { t, language, dateTime } = useT()
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const key = ["packing", orderId]
  const state = useQuery({ queryKey: key, queryFn: () => api<{ packing: PackingState }>(`/admin/orders/${orderId}/packing`).then((r) => r.packing) })
  // Backward trace of what is packed (issue 12); asked again whenever the packed units change.
  const trace = useQuery({
    queryKey: ["packing-trace", orderId, state.data?.units.map((u) => u.serial).join(",") ?? ""],
    queryFn: () => api<Awaited<ReturnType<typeof backwardTrace>>>(`/admin/orders/${orderId}/trace`),
    enabled: Boolean(state.data?.units.length),
  })
  const [code, setCode] = useState("")
  const [feedback, setFeedback] = useState<Feedback | null>(null)
  const [busy, setBusy] = useState(false)
  const [camera, setCamera] = useState(false)
  const [cameraError, setCameraError] = useState<string | null>(null)
  const [tracking, setTracking] = useState<Record<string, string>>({})
  const input = useRef<HTMLInputElement>(null)
  const video = useRef<HTMLVideoElement>(null)
  const queue = useRef(Promise.resolve())

  const message = (e: unknown) => (e instanceof ApiError ? localizedMessage(e, language) : e instanceof Error ? e.message : String(e))

  /** Scans are sent one after another, in the order they were read. */
  const submit = (text: string) => {
    const scanned = text.trim()
    if (!scanned) return
    queue.current = queue.current.then(async () => {
      setBusy(true)
      try {
        const r = await api<{ scan: { message_th: string; message_en: string }; fulfillment_id: string | null; packing: PackingState }>(
          `/admin/orders/${orderId}/packing/scans`,
          { body: { code: scanned } }
        )
        queryClient.setQueryData(key, r.packing)
        const said = language.startsWith("th") ? r.scan.message_th : r.scan.message_en
        setFeedback({ ok: true, message: r.fulfillment_id ? `${said} · ${t("packing.fulfilmentCreated")}` : said, at: Date.now() })
        scanSound(true)
      } catch (e) {
        setFeedback({ ok: false, message: message(e), at: Date.now() })
        scanSound(false)
      } finally {
        setBusy(false)
        input.current?.focus()
      }
    })
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    submit(code)
    setCode("")
  }

  useEffect(() => {
    if (!camera || !video.current) return
    let stop: (() => void) | null = null
    let cancelled = false
    startQrCamera(video.current, submit)
      .then((s) => (cancelled ? s() : (stop = s)))
      .catch((e) => {
        setCameraError(t("packing.cameraError", { message: e instanceof Error ? e.message : String(e) }))
        setCamera(false)
      })
    return () => {
      cancelled = true
      stop?.()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera])

  const write = async (path: string, body: unknown) => {
    try {
      const r = await api<{ packing: PackingState }>(path, { body })
      queryClient.setQueryData(key, r.packing)
      return true
    } catch (e) {
      toast.error(message(e))
      return false
    }
  }

  if (state.isLoading) return <Loading text={t("common.loading")} />
  if (state.error || !state.data) return <FormError message={state.error ? message(state.error) : ""} />
  const p = state.data

  return (
    <Page>
      <Section title={t("packing.title", { order: p.order.display_id ?? p.order.id })} subtitle={t("packing.progress", { packed: p.units_packed, ordered: p.units_ordered })} level="h1">
        <ul className="flex flex-col gap-y-1" data-testid="packing-lines">
          {p.lines.map((l) => (
            <li key={l.line_item_id} className="flex flex-wrap items-center justify-between gap-2">
              <Text size="small">{l.title}</Text>
              <span className="flex items-center gap-2">
                <Text size="small" className="font-mono">
                  {t("packing.line", { packed: l.packed, quantity: l.quantity })}
                </Text>
                {l.complete ? <Badge color="green" size="2xsmall">{t("packing.complete")}</Badge> : null}
              </span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t("packing.scanLabel")} subtitle={t("packing.scanHint")}>
        <Form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row">
          <Input
            ref={input}
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-label={t("packing.scanLabel")}
            data-testid="scan-input"
            className="font-mono"
          />
          <Button type="submit" isLoading={busy} data-testid="scan-submit">
            {t("packing.scan")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => { setCameraError(null); setCamera((c) => !c) }} data-testid="camera-toggle">
            {camera ? t("packing.cameraOff") : t("packing.cameraOn")}
          </Button>
        </Form>
        {cameraError ? <FormError message={cameraError} /> : null}
        {camera ? <video ref={video} muted className="mt-2 w-full max-w-md rounded-md bg-black" data-testid="camera" /> : null}
        {feedback ? (
          <div
            key={feedback.at}
            role="status"
            aria-live="assertive"
            data-testid="scan-result"
            data-ok={feedback.ok ? "true" : "false"}
            className={`mt-3 rounded-md px-4 py-3 text-lg font-medium ${feedback.ok ? "bg-green-600 text-white" : "bg-red-600 text-white"}`}
          >
            {feedback.ok ? "✓ " : "✗ "}
            {feedback.message}
          </div>
        ) : null}
      </Section>

      <Section title={t("packing.units")}>
        {p.units.length === 0 ? (
          <Text size="small">{t("packing.noUnits")}</Text>
        ) : (
          <ul className="flex flex-col gap-y-1" data-testid="packed-units">
            {p.units.map((u) => (
              <li key={u.serial} className="txt-compact-small flex flex-wrap gap-x-2">
                <span className="font-mono">{u.serial}</span>
                <span>{u.lot_number}</span>
                <span className="text-ui-fg-subtle">{u.method === "scanned" ? t("packing.scanned") : t("packing.fifo")}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3 flex flex-col gap-2 sm:flex-row">
          {!p.complete ? (
            <Button size="small" variant="secondary" onClick={() => write(`/admin/orders/${orderId}/packing/fulfil`, { fill: true })} data-testid="fill-fifo">
              {t("packing.fillFifo")}
            </Button>
          ) : null}
          {p.units.some((u) => u.fulfillment_id === null) ? (
            <Button size="small" variant="secondary" onClick={() => write(`/admin/orders/${orderId}/packing/unpack`, {})}>
              {t("packing.startOver")}
            </Button>
          ) : null}
        </div>
      </Section>

      {trace.data && trace.data.batches.length > 0 ? (
        <Section title={t("packing.origin")} subtitle={t("packing.originHint")}>
          <ul className="flex flex-col gap-y-3" data-testid="origin">
            {trace.data.batches.map((b) => (
              <li key={b.batch_id} className="flex flex-col gap-y-1">
                <Text size="small" weight="plus">
                  {b.lot_number} · {b.units.length}
                </Text>
                <ul className="flex flex-col gap-y-0.5 pl-3">
                  {b.harvest_lots.map((h) => (
                    <li key={h.harvest_lot_id} className="txt-compact-small text-ui-fg-subtle">
                      {t("packing.originLine", {
                        herb: h.herb?.thai_name ?? "—",
                        plot: h.plot?.code ?? "—",
                        village: h.plot?.village ?? "—",
                        household: h.household ? `${h.household.code} ${h.household.alias}` : "—",
                        kg: (h.grams_used / 1000).toLocaleString(language === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: 2 }),
                      })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {p.fulfillments.length > 0 ? (
        <Section title={t("packing.fulfilments")}>
          <ul className="flex flex-col gap-y-3" data-testid="fulfilments">
            {p.fulfillments.map((f) => (
              <li key={f.id} className="flex flex-col gap-y-2" data-testid="fulfilment">
                <Text size="small">
                  {dateTime(f.created_at)} {f.canceled_at ? `· ${t("packing.canceled")}` : f.shipped_at ? `· ${t("packing.shipped")}` : ""}
                </Text>
                {f.tracking_number ? (
                  <a href={f.tracking_url ?? "#"} target="_blank" rel="noreferrer" className="txt-compact-small text-ui-fg-interactive font-mono" data-testid="tracking-link">
                    {f.tracking_number} · {t("packing.track")}
                  </a>
                ) : !f.canceled_at ? (
                  <Form
                    className="flex flex-col gap-2 sm:flex-row"
                    onSubmit={(e) => {
                      e.preventDefault()
                      void write(`/admin/orders/${orderId}/packing/tracking`, { fulfillment_id: f.id, tracking_number: tracking[f.id] ?? "" })
                    }}
                  >
                    <Input
                      placeholder="EB123456785TH"
                      aria-label={t("packing.trackingLabel")}
                      value={tracking[f.id] ?? ""}
                      onChange={(e) => setTracking({ ...tracking, [f.id]: e.target.value })}
                      data-testid="tracking-input"
                      className="font-mono"
                    />
                    <Button size="small" type="submit" data-testid="tracking-submit">
                      {t("packing.saveTracking")}
                    </Button>
                    <Button
                      size="small"
                      type="button"
                      variant="danger"
                      onClick={async () => {
                        if (await prompt({ title: t("packing.unpack"), description: t("packing.unpackConfirm") })) {
                          await write(`/admin/orders/${orderId}/packing/unpack`, { fulfillment_id: f.id })
                        }
                      }}
                    >
                      {t("packing.unpack")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Page>
  )
}

export default PackingPage
