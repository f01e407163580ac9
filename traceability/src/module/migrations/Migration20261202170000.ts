import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Buyers' "suspicious label" reports from the provenance page (issue 15, docs/decisions/0061-label-reports.md).
export class Migration20261202170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "label_report" ("id" text not null, "gtin" text not null, "lot" text not null, "serial" text null, "batch_id" text null, "reason" text not null, "message" text not null, "where_bought" text null, "contact" text null, "ip_hash" text not null, "reported_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "label_report_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_label_report_reported_at" ON "label_report" ("reported_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_label_report_deleted_at" ON "label_report" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "label_report" cascade;`);
  }

}
