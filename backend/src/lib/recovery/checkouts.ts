import type { IWorkflowEngineService, MedusaContainer, RemoteQueryEntryPoints, WorkflowExecutionDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflowId } from "@medusajs/medusa/core-flows"
import { rollBackInterruptedCheckoutWorkflow } from "../../workflows/recovery/roll-back-interrupted-checkout"

type Container = Pick<MedusaContainer, "resolve">

/** Workflow states of a run that has not finished (Medusa's TransactionState). */
const UNFINISHED = ["not_started", "invoking", "waiting_to_compensate", "compensating"]
/** complete-cart holds its cart lock for at most 2 minutes (Medusa's ttl): its order is created within that. */
const COMPLETION_WINDOW_MS = 2 * 60_000

type ExecutionKey = { workflow_id: string; transaction_id: string; run_id: string }
/**
 * The workflow engine module as this file uses it: its public interface leaves out the run_id of an execution
 * (part of its key) and the update method MedusaService generates for it, though both modules (in-memory and
 * Redis) have them. The one cast for that gap is here.
 */
type WorkflowExecutions = Omit<IWorkflowEngineService, "listWorkflowExecutions"> & {
  listWorkflowExecutions(...args: Parameters<IWorkflowEngineService["listWorkflowExecutions"]>): Promise<(WorkflowExecutionDTO & ExecutionKey)[]>
  updateWorkflowExecutions(data: ExecutionKey & { state: string }): Promise<unknown>
}
function workflowExecutions(container: Container): WorkflowExecutions {
  return container.resolve(Modules.WORKFLOW_ENGINE) as unknown as WorkflowExecutions
}

type CartRow = RemoteQueryEntryPoints["cart"]
type OrderRow = RemoteQueryEntryPoints["order"]
type Line = { variant_id?: string | null } | null

// The variants only: an order cut off while being written may not have its quantities yet.
const variantsKey = (items: Line[] | null | undefined) => [...new Set((items ?? []).map((i) => i?.variant_id ?? null))].sort().join(",")

/**
 * The order(s) an interrupted completion of `cart` created and never finished (no payment authorized).
 * Either the cart already points to it, or — when the process died before the link was written — it
 * is an order of the same email with the same variants, created within the run's lock and linked to no cart.
 */
async function unfinishedOrders(container: Container, cartId: string, startedAt: Date, before: Date): Promise<{ cart: CartRow | undefined; orders: OrderRow[] }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "email", "items.variant_id", "payment_collection.id", "order.id"],
    filters: { id: cartId },
  })
  const cart = carts[0]
  if (!cart) return { cart, orders: [] }
  const fields = ["id", "created_at", "is_draft_order", "items.id", "items.variant_id", "cart.id", "payment_collections.id", "payment_collections.payments.id", "promotions.id"]
  let orders: OrderRow[]
  if (cart.order?.id) {
    orders = (await query.graph({ entity: "order", fields, filters: { id: cart.order.id } })).data
  } else {
    if (!cart.email) return { cart, orders: [] }
    const until = new Date(Math.min(before.getTime(), startedAt.getTime() + COMPLETION_WINDOW_MS))
    const { data } = await query.graph({
      entity: "order",
      fields,
      filters: { email: cart.email, created_at: { $gte: new Date(startedAt.getTime() - 5_000), $lt: until } },
    })
    orders = data.filter((o) => !o.cart && variantsKey(o.items) === variantsKey(cart.items))
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
  const engine = workflowExecutions(container)
  const executions = await engine.listWorkflowExecutions(
    { workflow_id: completeCartWorkflowId, state: UNFINISHED, created_at: { $lt: before.toISOString() } },
    { select: ["workflow_id", "transaction_id", "run_id", "context", "created_at"] }
  )
  const locking = container.resolve(Modules.LOCKING)
  const rolledBack: string[] = []
  for (const execution of executions) {
    const cartId: unknown = execution.context?.data?.payload?.id
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
                cart_id: cartId,
                line_item_ids: (order.items ?? []).flatMap((i) => (i?.id ? [i.id] : [])),
                payment_collection_id: cart?.payment_collection?.id ?? null,
                promotion_ids: (order.promotions ?? []).flatMap((p) => (p ? [p.id] : [])),
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
    await engine.updateWorkflowExecutions({ workflow_id, transaction_id, run_id, state: "reverted" })
  }
  if (rolledBack.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`crash recovery: rolled back ${rolledBack.length} interrupted checkout(s): ${rolledBack.join(", ")}`)
  }
  return rolledBack
}
