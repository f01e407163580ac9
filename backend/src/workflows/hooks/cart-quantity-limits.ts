import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  addToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  updateLineItemInCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { quantityRefusal, QuantityLimitError, type CartQuantityLine } from "../../lib/checkout/quantity-limits"
import { readEnv } from "../../lib/env"

// Quantity limits on every store cart write (decision 0023). The validate hooks of add-to-cart, update-line-item
// and complete-cart run after the workflow took the cart's lock, so the lines read here are the ones written.

function check(lines: CartQuantityLine[]): void {
  const env = readEnv()
  const refusal = quantityRefusal(lines, { perLine: env.maxUnitsPerLine, perOrder: env.maxUnitsPerOrder })
  if (refusal) throw new QuantityLimitError(refusal)
}

async function cartLines(container: MedusaContainer, cartId: string): Promise<CartQuantityLine[]> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart",
    fields: ["items.id", "items.variant_id", "items.quantity"],
    filters: { id: cartId },
  })
  return (data[0]?.items ?? []) as CartQuantityLine[]
}

createCartWorkflow.hooks.validate(({ cart }) => {
  check(((cart as { items?: CartQuantityLine[] }).items ?? []) as CartQuantityLine[])
})

addToCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const added = (input.items ?? []).map((item) => ({ variant_id: item.variant_id ?? null, quantity: item.quantity }))
  check([...(await cartLines(container, input.cart_id)), ...added])
})

updateLineItemInCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const quantity = input.update?.quantity
  if (quantity === undefined || Number(quantity) === 0) return // a removal, or no quantity change
  const lines = await cartLines(container, input.cart_id)
  check(lines.map((line) => (line.id === input.item_id ? { ...line, quantity } : line)))
})

completeCartWorkflow.hooks.validate(({ cart }) => {
  // A cart already completed is a retry that returns its order; limits changed since then do not undo it.
  if ((cart as { completed_at?: unknown }).completed_at) return
  check(((cart as { items?: CartQuantityLine[] }).items ?? []) as CartQuantityLine[])
})
