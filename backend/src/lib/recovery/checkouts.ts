import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflowId } from "@medusajs/medusa/core-flows"
import { rollBackInterruptedCheckoutWorkflow } from "../../workflows/recovery/roll-back-interrupted-checkout"

type Container = Pick<MedusaContainer, "resolve">

/** Workflow states of a run that has not finished (Medusa's TransactionState). */
const UNFINISHED = ["not_started", "invoking", "waiting_to_compensate", "compensating"]
/** complete-cart holds its cart lock for at most 2 minutes (Medusa's ttl): its order is created within that. */
const COMPLETION_WINDOW_MS = 2 * 60_000

/** The workflow engine module's generated update of its executions (a MedusaService method, not in its public type). */
type ExecutionKey = { workflow_id: string; transaction_id: string; run_id: string }
type WorkflowExecutions = { updateWorkflowExecutions: (data: ExecutionKey & { state: string }) => Promise<unknown> }

type Line = { id?: string; variant_id: string | null }
type CartRow = { id: string; email: string | null; items: Line[]; payment_collection?: { id: string } | null; order?: { id: string } | null }
type OrderRow = {
  id: string
  created_at: string | Date
  is_draft_order: boolean
  items: Line[]
  cart?: { id: string } | null
  payment_collections?: { id: string; payments?: { id: string }[] }[]
  promotions?: { id: string }[]
}

// The variants only: an order cut off while being written may not have its quantities yet.
const variantsKey = (items: Line[]) => [...new Set(items.map((i) => i.variant_id))].sort().join(",")

/**
 * The order(s) an interrupted completion of `cart` created and never finished (no payment authorized).
 * Either the cart already points to it, or — when the process died before the link was written — it
 * is an order of the same email with the same variants, created within the run's lock and linked to no cart.
 */
async function unfinishedOrders(container: Container, cartId: string, startedAt: Date, before: Date): Promise<{ cart: CartRow; orders: OrderRow[] }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "email", "items.variant_id", "payment_collection.id", "order.id"],
    filters: { id: cartId },
  })
  const cart = carts[0] as unknown as CartRow | undefined
  if (!cart) return { cart: { id: cartId, email: null, items: [] }, orders: [] }
  const fields = ["id", "created_at", "is_draft_order", "items.id", "items.variant_id", "cart.id", "payment_collections.id", "payment_collections.payments.id", "promotions.id"]
  let orders: OrderRow[]
  if (cart.order?.id) {
    orders = (await query.graph({ entity: "order", fields, filters: { id: cart.order.id } })).data as unknown as OrderRow[]
  } else {
    if (!cart.email) return { cart, orders: [] }
    const until = new Date(Math.min(before.getTime(), startedAt.getTime() + COMPLETION_WINDOW_MS))
    const { data } = await query.graph({
      entity: "order",
      fields,
      filters: { email: cart.email, created_at: { $gte: new Date(startedAt.getTime() - 5_000), $lt: until } },
    })
    orders = (data as unknown as OrderRow[]).filter((o) => !o.cart && variantsKey(o.items) === variantsKey(cart.items))
  }
  const paid = (o: OrderRow) => (o.payment_collections ?? []).some((pc) => (pc?.payments ?? []).length > 0)
  return { cart, orders: orders.filter((o) => new Date(o.created_at) < before && !o.is_draft_order && !paid(o)) }
}

/**
 * Rolls back cart completions (Medusa's complete-cart workflow) that a dead process started before
 * `before` and never finished. Medusa records each run in its workflow executions (complete-cart is
 * stored); a run still "not started"/"invoking" after its process died is never resumed or compensated.
 * With `onlyCart`, only that cart's runs. Answers the ids of the orders rolled back.
 */
export async function rollBackInterruptedCheckouts(container: Container, before: Date, onlyCart?: string): Promise<string[]> {
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const executions = (await engine.listWorkflowExecutions(
    { workflow_id: completeCartWorkflowId, state: UNFINISHED, created_at: { $lt: before } } as never,
    { select: ["workflow_id", "transaction_id", "run_id", "context", "created_at"] }
  )) as unknown as (ExecutionKey & { created_at: string | Date; context?: { data?: { payload?: { id?: unknown } } } })[]
  const locking = container.resolve(Modules.LOCKING)
  const rolledBack: string[] = []
  for (const execution of executions) {
    const cartId = execution.context?.data?.payload?.id
    if (onlyCart && cartId !== onlyCart) continue
    if (typeof cartId === "string") {
      // Under complete-cart's own lock (its key is the cart id): never beside a completion of the same cart.
      await locking.execute(
        cartId,
        async () => {
          const { cart, orders } = await unfinishedOrders(container, cartId, new Date(execution.created_at), before)
          for (const order of orders) {
            await rollBackInterruptedCheckoutWorkflow(container as MedusaContainer).run({
              input: {
                order_id: order.id,
                cart_id: cart.id,
                line_item_ids: order.items.map((i) => i.id!).filter(Boolean),
                payment_collection_id: cart.payment_collection?.id ?? null,
                promotion_ids: (order.promotions ?? []).map((p) => p.id),
              },
            })
            rolledBack.push(order.id)
          }
        },
        { timeout: 30 }
      )
    }
    // Handled: marked as reverted, so the next pass skips it and Medusa's retention clean-up removes it in time.
    const { workflow_id, transaction_id, run_id } = execution
    await (engine as unknown as WorkflowExecutions).updateWorkflowExecutions({ workflow_id, transaction_id, run_id, state: "reverted" })
  }
  if (rolledBack.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`crash recovery: rolled back ${rolledBack.length} interrupted checkout(s): ${rolledBack.join(", ")}`)
  }
  return rolledBack
}
