import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// The SSCC of each parcel (issue 12, EPCIS packing/shipping): a shipment sequence number per fulfilment, given when
// the fulfilment takes its units. A plain table (no model): only the attach step writes it and the lot's EPCIS
// export reads it. The sequence reveals how many parcels the group sent (decision 0017: business data).
export class Migration20261202120100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "shipment_sscc" ("fulfillment_id" text not null, "sequence" bigserial not null, "created_at" timestamptz not null default now(), constraint "shipment_sscc_pkey" primary key ("fulfillment_id"), constraint "shipment_sscc_sequence_unique" unique ("sequence"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "shipment_sscc";`);
  }

}
