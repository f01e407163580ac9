import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import TraceabilityModule from "@mae-mok/traceability/module"

// Each batch is of exactly one product variant; a variant has many batches over time.
export default defineLink(
  { linkable: ProductModule.linkable.productVariant, isList: true },
  TraceabilityModule.linkable.batch
)
