import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Correcting and voiding harvest lots (issue 15, docs/decisions/0067-harvest-corrections.md): the void state on
// the lot, and the audit trail of corrections (before → after per field, reason, who, when).
export class Migration20261204090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "harvest_lot" add column if not exists "voided_at" timestamptz null, add column if not exists "voided_by" text null, add column if not exists "void_reason" text null;`);
    this.addSql(`create table if not exists "harvest_correction" ("id" text not null, "harvest_lot_id" text not null, "changes" jsonb not null, "reason" text not null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "harvest_correction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_correction_harvest_lot_id" ON "harvest_correction" ("harvest_lot_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_correction_deleted_at" ON "harvest_correction" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "harvest_correction" cascade;`);
    this.addSql(`alter table if exists "harvest_lot" drop column if exists "voided_at", drop column if exists "voided_by", drop column if exists "void_reason";`);
  }

}
