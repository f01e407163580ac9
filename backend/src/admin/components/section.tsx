import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { FormError } from "./form"

/** A card with a heading, like the dashboard's own sections. */
export function Section(props: {
  title: string
  subtitle?: string
  actions?: ReactNode
  children: ReactNode
  level?: "h1" | "h2"
}) {
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-4 sm:px-6">
        <div>
          <Heading level={props.level ?? "h2"}>{props.title}</Heading>
          {props.subtitle && (
            <Text size="small" className="text-ui-fg-subtle">
              {props.subtitle}
            </Text>
          )}
        </div>
        {props.actions}
      </div>
      <div className="px-4 py-4 sm:px-6">{props.children}</div>
    </Container>
  )
}

/** The page column: full width on a phone, readable on a desktop. */
export function Page(props: { children: ReactNode }) {
  return <div className="flex w-full max-w-4xl flex-col gap-y-3">{props.children}</div>
}

export function Loading(props: { text: string }) {
  return (
    <Text size="small" className="text-ui-fg-subtle">
      {props.text}
    </Text>
  )
}

/**
 * A query's loading / failed / empty states in one place; `children` renders the data once there is
 * some.
 */
export function QueryState<T>(props: {
  query: { isLoading: boolean; error: Error | null; data: T[] | undefined }
  empty: string
  loading: string
  children: (data: T[]) => ReactNode
}) {
  const { isLoading, error, data } = props.query
  if (isLoading) return <Loading text={props.loading} />
  if (error) return <FormError message={error.message} />
  if (!data || data.length === 0) return <Text size="small">{props.empty}</Text>
  return <>{props.children(data)}</>
}
