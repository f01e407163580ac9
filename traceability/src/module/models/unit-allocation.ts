import { model } from "@medusajs/framework/utils"

/**
 * One label unit given to one order line: scanned at the packing table or allocated FIFO when nobody
 * scanned. Rows are never deleted: unpacking (a cancelled fulfilment, a compensated pack) sets
 * `released_at`, so the trace keeps what was once packed. At most one active (unreleased) row per unit:
 * the partial unique index `unit_allocation_active_unit_unique` is what makes two packers of the same
 * serial end with one winner. Ids of other modules (variant, order, line item, fulfilment) are plain text.
 */
export const UnitAllocation = model
  .define("unit_allocation", {
    id: model.id({ prefix: "ualloc" }).primaryKey(),
    label_unit_id: model.text(),
    batch_id: model.text(),
    variant_id: model.text(),
    order_id: model.text(),
    line_item_id: model.text(),
    /** Null until the fulfilment exists (units are scanned before Medusa's fulfilment is created). */
    fulfillment_id: model.text().nullable(),
    method: model.enum(["scanned", "fifo"]),
    /** Null while active; set on unpack or cancel. */
    released_at: model.dateTime().nullable(),
    released_reason: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([
    { name: "unit_allocation_active_unit_unique", on: ["label_unit_id"], unique: true, where: "released_at IS NULL AND deleted_at IS NULL" },
    { name: "IDX_unit_allocation_active_batch", on: ["batch_id", "order_id", "id"], where: "released_at IS NULL AND deleted_at IS NULL" },
    { name: "IDX_unit_allocation_order", on: ["order_id"], where: "deleted_at IS NULL" },
    { name: "IDX_unit_allocation_fulfillment", on: ["fulfillment_id"], where: "deleted_at IS NULL" },
  ])
