import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125092907 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "plot" drop constraint if exists "plot_code_unique";`);
    this.addSql(`alter table if exists "label_unit" drop constraint if exists "label_unit_serial_unique";`);
    this.addSql(`alter table if exists "household" drop constraint if exists "household_code_unique";`);
    this.addSql(`alter table if exists "herb_species" drop constraint if exists "herb_species_scientific_name_unique";`);
    this.addSql(`alter table if exists "batch" drop constraint if exists "batch_lot_number_unique";`);
    this.addSql(`create table if not exists "batch" ("id" text not null, "lot_number" text not null, "produced_on" text not null, "best_before" text null, "units_planned" integer not null, "status" text check ("status" in ('draft', 'released', 'on_hold', 'recalled')) not null default 'draft', "status_reason" text null, "released_at" timestamptz null, "recalled_at" timestamptz null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "batch_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_batch_lot_number_unique" ON "batch" ("lot_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_batch_deleted_at" ON "batch" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "batch_input" ("id" text not null, "batch_id" text not null, "harvest_lot_id" text not null, "grams_used" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "batch_input_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_batch_input_batch_id" ON "batch_input" ("batch_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_batch_input_harvest_lot_id" ON "batch_input" ("harvest_lot_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_batch_input_deleted_at" ON "batch_input" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "certification" ("id" text not null, "plot_id" text not null, "scheme" text check ("scheme" in ('TH-GAP', 'PGS', 'ORGANIC')) not null, "certificate_number" text not null, "certifying_body" text not null, "valid_from" text not null, "valid_until" text not null, "status" text check ("status" in ('active', 'suspended', 'revoked')) not null default 'active', "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "certification_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_certification_plot_id" ON "certification" ("plot_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_certification_deleted_at" ON "certification" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "harvest_lot" ("id" text not null, "plot_id" text not null, "household_id" text not null, "species_id" text not null, "harvested_on" text not null, "grams_harvested" integer not null, "grams_used" integer not null default 0, "certifications" jsonb not null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "harvest_lot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_lot_plot_id" ON "harvest_lot" ("plot_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_lot_household_id" ON "harvest_lot" ("household_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_lot_species_id" ON "harvest_lot" ("species_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_harvest_lot_deleted_at" ON "harvest_lot" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "herb_species" ("id" text not null, "thai_name" text not null, "scientific_name" text not null, "part_used" text not null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "herb_species_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_herb_species_scientific_name_unique" ON "herb_species" ("scientific_name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_herb_species_deleted_at" ON "herb_species" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "household" ("id" text not null, "code" text not null, "alias" text not null, "village" text not null, "moo" text null, "tambon" text not null, "amphoe" text not null, "province" text not null, "members_count" integer null, "consent_given_name" boolean not null default false, "consent_photo" boolean not null default false, "consent_story" boolean not null default false, "given_name" text null, "photo_url" text null, "story" text null, "family_name" text null, "poverty_tier" text null, "poverty_status" text null, "national_id" text null, "phone" text null, "income_thb_per_year" integer null, "address" text null, "tpmap_data" jsonb null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_household_code_unique" ON "household" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_household_deleted_at" ON "household" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "label_unit" ("id" text not null, "serial" text not null, "batch_id" text not null, "printed_at" timestamptz null, "first_scan_at" timestamptz null, "scan_count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "label_unit_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_label_unit_serial_unique" ON "label_unit" ("serial") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_label_unit_batch_id" ON "label_unit" ("batch_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_label_unit_deleted_at" ON "label_unit" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "plot" ("id" text not null, "code" text not null, "household_id" text not null, "area_rai" real null, "species_ids" text[] not null, "village" text not null, "moo" text null, "tambon" text not null, "amphoe" text not null, "province" text not null, "geometry" jsonb null, "lat" real null, "lng" real null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "plot_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_plot_code_unique" ON "plot" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_plot_household_id" ON "plot" ("household_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_plot_deleted_at" ON "plot" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "scan_event" ("id" text not null, "gtin" text not null, "lot" text not null, "serial" text not null, "label_unit_id" text null, "ip_hash" text not null, "verdict" text not null, "scanned_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "scan_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_scan_event_serial" ON "scan_event" ("serial") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_scan_event_deleted_at" ON "scan_event" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "batch_input" add constraint "batch_input_batch_id_foreign" foreign key ("batch_id") references "batch" ("id") on update cascade;`);

    this.addSql(`alter table if exists "label_unit" add constraint "label_unit_batch_id_foreign" foreign key ("batch_id") references "batch" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "batch_input" drop constraint if exists "batch_input_batch_id_foreign";`);

    this.addSql(`alter table if exists "label_unit" drop constraint if exists "label_unit_batch_id_foreign";`);

    this.addSql(`drop table if exists "batch" cascade;`);

    this.addSql(`drop table if exists "batch_input" cascade;`);

    this.addSql(`drop table if exists "certification" cascade;`);

    this.addSql(`drop table if exists "harvest_lot" cascade;`);

    this.addSql(`drop table if exists "herb_species" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "label_unit" cascade;`);

    this.addSql(`drop table if exists "plot" cascade;`);

    this.addSql(`drop table if exists "scan_event" cascade;`);
  }

}
