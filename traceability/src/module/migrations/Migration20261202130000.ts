import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Money back to the growers (issue 13, decisions 0017 and 0035): the farm-gate price list and the share rules
// (models), and the household income ledger — a plain table, append-only: entries are inserted, never
// updated; a correction is a new entry. A trigger refuses UPDATE always and DELETE unless the transaction
// says it is a workflow's compensation (set local maemok.ledger_compensation = 'on'), which removes only what
// the same failed workflow inserted. Amounts are integer satang (bigint), never zero; the idempotency key
// (core ledger.ts) is unique, so the same event booked twice books once even under concurrent deliveries.
export class Migration20261202130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "farm_gate_price" ("id" text not null, "species_id" text not null, "price_per_kg_satang" integer not null check ("price_per_kg_satang" > 0), "valid_from" text not null, "valid_until" text null, "note" text null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "farm_gate_price_pkey" primary key ("id"));`);
    this.addSql(`create index if not exists "IDX_farm_gate_price_species_id" on "farm_gate_price" ("species_id") where deleted_at is null;`);
    this.addSql(`create table if not exists "share_rule" ("id" text not null, "product_id" text null, "basis_points" integer not null check ("basis_points" between 0 and 10000), "valid_from" text not null, "valid_until" text null, "note" text null, "created_by" text null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "share_rule_pkey" primary key ("id"));`);
    this.addSql(`create index if not exists "IDX_share_rule_product_id" on "share_rule" ("product_id") where deleted_at is null;`);

    this.addSql(`create table if not exists "ledger_entry" (
      "id" text not null,
      "idempotency_key" text not null,
      "household_id" text not null references "household" ("id"),
      "kind" text not null check ("kind" in ('farm_gate_purchase', 'sales_share', 'reversal', 'payment')),
      "satang" bigint not null check ("satang" <> 0),
      "source" jsonb not null,
      "order_id" text null,
      "batch_id" text null,
      "harvest_lot_id" text null,
      "payout_id" text null,
      "booked_at" timestamptz not null,
      "booked_by" text null,
      "created_at" timestamptz not null default now(),
      constraint "ledger_entry_pkey" primary key ("id"),
      constraint "ledger_entry_idempotency_key_unique" unique ("idempotency_key"),
      constraint "ledger_entry_sign" check ((("kind" in ('farm_gate_purchase', 'sales_share')) and "satang" > 0) or (("kind" in ('reversal', 'payment')) and "satang" < 0))
    );`);
    this.addSql(`create index if not exists "IDX_ledger_entry_household_booked" on "ledger_entry" ("household_id", "booked_at");`);
    this.addSql(`create index if not exists "IDX_ledger_entry_booked_at" on "ledger_entry" ("booked_at");`);
    this.addSql(`create index if not exists "IDX_ledger_entry_order_id" on "ledger_entry" ("order_id") where "order_id" is not null;`);
    this.addSql(`create index if not exists "IDX_ledger_entry_payout_id" on "ledger_entry" ("payout_id") where "payout_id" is not null;`);
    this.addSql(`create sequence if not exists "ledger_receipt_seq";`);
    this.addSql(`create or replace function ledger_entry_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and coalesce(current_setting('maemok.ledger_compensation', true), '') = 'on' then
          return old;
        end if;
        raise exception 'ledger entries are append-only: book a correcting entry instead' using errcode = 'P0001';
      end $$;`);
    this.addSql(`drop trigger if exists "ledger_entry_append_only" on "ledger_entry";`);
    this.addSql(`create trigger "ledger_entry_append_only" before update or delete on "ledger_entry" for each row execute function ledger_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ledger_entry";`);
    this.addSql(`drop function if exists ledger_entry_append_only();`);
    this.addSql(`drop sequence if exists "ledger_receipt_seq";`);
    this.addSql(`drop table if exists "share_rule";`);
    this.addSql(`drop table if exists "farm_gate_price";`);
  }

}
