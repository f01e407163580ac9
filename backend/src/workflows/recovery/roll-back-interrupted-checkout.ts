import type { LinkDefinition } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteReservationsByLineItemsStep, dismissRemoteLinkStep, updateCartsStep } from "@medusajs/medusa/core-flows"

export type RollBackCheckoutInput = {
  order_id: string
  cart_id: string
  line_item_ids: string[]
  payment_collection_id: string | null
  promotion_ids: string[]
}

/** The order complete-cart created: what createOrdersStep's own compensation does (the order was never confirmed). */
const deleteInterruptedOrderStep = createStep("delete-interrupted-order", async (orderId: string, { container }) => {
  await container.resolve(Modules.ORDER).deleteOrders([orderId])
  return new StepResponse(orderId)
})

/**
 * Undoes a cart completion whose process died before it finished (no payment was authorized), step by
 * step as Medusa's compensation of complete-cart would have: the reservations go (stock is released),
 * the order's links to the cart, payment collection and promotions go, the cart is open again (its
 * payment session is kept, so the customer can simply complete it again), and the order goes last, so
 * an interrupted recovery is found and finished by the next pass.
 */
export const rollBackInterruptedCheckoutWorkflow = createWorkflow("roll-back-interrupted-checkout", (input: RollBackCheckoutInput) => {
  deleteReservationsByLineItemsStep(input.line_item_ids)
  const links = transform({ input }, ({ input }): LinkDefinition[] => [
    { [Modules.ORDER]: { order_id: input.order_id }, [Modules.CART]: { cart_id: input.cart_id } },
    ...(input.payment_collection_id ? [{ [Modules.ORDER]: { order_id: input.order_id }, [Modules.PAYMENT]: { payment_collection_id: input.payment_collection_id } }] : []),
    ...input.promotion_ids.map((id) => ({ [Modules.ORDER]: { order_id: input.order_id }, [Modules.PROMOTION]: { promotion_id: id } })),
  ])
  dismissRemoteLinkStep(links)
  const reopen = transform({ input }, ({ input }) => [{ id: input.cart_id, completed_at: null }])
  updateCartsStep(reopen)
  return new WorkflowResponse(deleteInterruptedOrderStep(input.order_id))
})
