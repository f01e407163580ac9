import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// The forward trace pages by (order_id, id) after a cursor. With the index on (batch_id, order_id) alone, the
// planner preferred the plain order index and filtered the batch row by row (bench, 10 000 orders of one batch);
// with `id` in the batch index a page is one range scan of it, in the page's order.
export class Migration20261203090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_unit_allocation_active_batch";`);
    this.addSql(`create index if not exists "IDX_unit_allocation_active_batch" on "unit_allocation" ("batch_id", "order_id", "id") where released_at is null and deleted_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_unit_allocation_active_batch";`);
    this.addSql(`create index if not exists "IDX_unit_allocation_active_batch" on "unit_allocation" ("batch_id", "order_id") where released_at is null and deleted_at is null;`);
  }

}
