import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Envelope } from "@medusajs/icons"
import { Button, Text } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { FormError } from "../../components/form"
import { Loading, Page, Section } from "../../components/section"
import { api } from "../../lib/api"
import { useT } from "../../lib/use-t"

type Entry = { file: string; subject: string; to: string; template: string | null; date: string; size: number }
type Outbox = { smtp: boolean; messages: Entry[]; failed: number }
type Message = { file: string; subject: string; to: string; from: string; date: string | null; html: string | null; text: string }

/** "อีเมลที่ส่ง": what the shop would have mailed without SMTP settings (the .eml outbox), and failed sends. */
const OutboxPage = () => {
  const { t, dateTime } = useT()
  const client = useQueryClient()
  const [open, setOpen] = useState<string | null>(null)
  const outbox = useQuery({ queryKey: ["mail-outbox"], queryFn: () => api<Outbox>("/admin/mail/outbox") })
  const retry = useMutation({
    mutationFn: () => api<{ tried: number; sent: number }>("/admin/mail/retry", { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["mail-outbox"] }),
  })
  if (outbox.isLoading) return <Loading text={t("common.loading")} />
  if (outbox.error || !outbox.data) return <FormError message={outbox.error?.message ?? ""} />
  const o = outbox.data
  return (
    <Page>
      <Section title={t("outbox.title")} level="h1">
        <Text size="small" className="text-ui-fg-subtle">
          {o.smtp ? t("outbox.smtp") : t("outbox.intro")}
        </Text>
        {o.failed > 0 || retry.data ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Text size="small">{t("outbox.failed", { count: o.failed })}</Text>
            <Button size="small" variant="secondary" isLoading={retry.isPending} onClick={() => retry.mutate()}>
              {t("outbox.retry")}
            </Button>
            {retry.data ? <Text size="small">{t("outbox.retried", retry.data)}</Text> : null}
          </div>
        ) : null}
        {o.messages.length === 0 ? (
          <Text size="small" className="mt-4">
            {t("outbox.none")}
          </Text>
        ) : (
          <ul className="mt-4 flex flex-col divide-y" data-testid="outbox-list">
            {o.messages.map((m) => (
              <li key={m.file} className="py-2">
                <button type="button" className="w-full text-left" onClick={() => setOpen(open === m.file ? null : m.file)} aria-expanded={open === m.file}>
                  <Text size="small" weight="plus">
                    {m.subject}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t("outbox.to")} {m.to} · {dateTime(m.date)}
                  </Text>
                </button>
                {open === m.file ? <MessageView file={m.file} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Page>
  )
}

function MessageView(props: { file: string }) {
  const { t } = useT()
  const message = useQuery({
    queryKey: ["mail-outbox", props.file],
    queryFn: () => api<{ message: Message }>(`/admin/mail/outbox/${encodeURIComponent(props.file)}`),
  })
  if (message.isLoading) return <Loading text={t("common.loading")} />
  if (message.error || !message.data) return <FormError message={message.error?.message ?? ""} />
  const m = message.data.message
  // The mail's HTML in a sandboxed frame: no scripts, no access to the admin's page.
  return m.html ? (
    <iframe title={m.subject} sandbox="" srcDoc={m.html} className="mt-2 h-[480px] w-full rounded border bg-white" data-testid="outbox-message" />
  ) : (
    <pre className="mt-2 whitespace-pre-wrap text-sm" data-testid="outbox-message">
      {m.text}
    </pre>
  )
}

export const config = defineRouteConfig({
  label: "outbox.nav",
  translationNs: "maemok",
  icon: Envelope,
  rank: 5,
})

export default OutboxPage
