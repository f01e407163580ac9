import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Unit-level fulfilment (issue 12): which label unit went to which order line, scanned or FIFO. Rows are never
// deleted (released_at marks an unpacked/cancelled allocation); the partial unique index allows one active
// allocation per unit, which settles two packers racing for the same serial. The batch index (active rows by
// batch, then order) serves the paged forward trace.
export class Migration20261202120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "unit_allocation" ("id" text not null, "label_unit_id" text not null references "label_unit" ("id"), "batch_id" text not null references "batch" ("id"), "variant_id" text not null, "order_id" text not null, "line_item_id" text not null, "fulfillment_id" text null, "method" text check ("method" in ('scanned', 'fifo')) not null, "released_at" timestamptz null, "released_reason" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "unit_allocation_pkey" primary key ("id"));`);
    this.addSql(`create unique index if not exists "unit_allocation_active_unit_unique" on "unit_allocation" ("label_unit_id") where released_at is null and deleted_at is null;`);
    this.addSql(`create index if not exists "IDX_unit_allocation_active_batch" on "unit_allocation" ("batch_id", "order_id") where released_at is null and deleted_at is null;`);
    this.addSql(`create index if not exists "IDX_unit_allocation_order" on "unit_allocation" ("order_id") where deleted_at is null;`);
    this.addSql(`create index if not exists "IDX_unit_allocation_fulfillment" on "unit_allocation" ("fulfillment_id") where deleted_at is null;`);
    this.addSql(`create index if not exists "IDX_unit_allocation_deleted_at" on "unit_allocation" ("deleted_at") where deleted_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "unit_allocation" cascade;`);
  }

}
