import { Table } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useT } from "../lib/use-t"
import { QueryState } from "./section"

export type Column<T> = { header: string; cell: (row: T) => ReactNode }

/** A list query as a table that scrolls sideways on a phone instead of squeezing its columns. */
export function DataTable<T extends { id: string }>(props: {
  query: { isLoading: boolean; error: Error | null; data: T[] | undefined }
  columns: Column<T>[]
}) {
  const { t } = useT()
  return (
    <QueryState query={props.query} loading={t("common.loading")} empty={t("common.none")}>
      {(rows) => (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                {props.columns.map((c) => (
                  <Table.HeaderCell key={c.header}>{c.header}</Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((row) => (
                <Table.Row key={row.id}>
                  {props.columns.map((c) => (
                    <Table.Cell key={c.header}>{c.cell(row)}</Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </QueryState>
  )
}
