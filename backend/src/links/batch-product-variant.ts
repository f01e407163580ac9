import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import TraceabilityModule from "@mae-mok/traceability/module"

// Each batch is of exactly one product variant; a variant has many batches over time
// (isList on the batch side: variant.batches is a list, batch.product_variant one record).
export default defineLink(ProductModule.linkable.productVariant, {
  linkable: TraceabilityModule.linkable.batch,
  isList: true,
})
