import fs from "node:fs"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { traceability } from "../traceability/service"
import { recordHarvestWorkflow } from "../../workflows/traceability/record-harvest"
import { createBatchWorkflow } from "../../workflows/traceability/create-batch"
import { setBatchStatusWorkflow } from "../../workflows/traceability/set-batch-status"
import { issueLabelUnitsWorkflow } from "../../workflows/traceability/issue-label-units"
import {
  SEED_ACTOR,
  SEED_BATCHES,
  SEED_HARVESTS,
  SEED_HOUSEHOLDS,
  SEED_PLOTS,
  SEED_SPECIES,
  seedPlotGeometry,
  type SeedHousehold,
} from "./traceability-data"

type Log = (message: string) => void

/**
 * Seeds the traceability demo (herbs, households, certified plots, harvests, released batches with
 * labels). Like the catalogue seed it looks before it creates, so a second run adds nothing and an
 * interrupted run is completed. Harvests and batches go through the same workflows as the admin API.
 */
export async function seedTraceability(container: MedusaContainer, log: Log): Promise<void> {
  const service = traceability(container)

  const speciesIds = new Map<string, string>()
  for (const s of SEED_SPECIES) {
    let [found] = await service.listHerbSpecies({ scientific_name: s.scientific_name })
    if (!found) {
      found = await service.createHerbSpecies({
        thai_name: s.thai_name,
        scientific_name: s.scientific_name,
        part_used: s.part_used,
        english_name: s.english_name,
        part_used_en: s.part_used_en,
        created_by: SEED_ACTOR,
        updated_by: SEED_ACTOR,
      })
      log(`created herb ${s.thai_name} (${s.scientific_name})`)
    } else if (found.created_by === SEED_ACTOR && !found.english_name) {
      // A database seeded before decision 0068: the English names.
      await service.updateHerbSpecies({ id: found.id, english_name: s.english_name, part_used_en: s.part_used_en, updated_by: SEED_ACTOR })
    }
    speciesIds.set(s.key, found.id)
  }

  const householdIds = new Map<string, string>()
  for (const h of SEED_HOUSEHOLDS) {
    let [found] = await service.listHouseholds({ code: h.code })
    if (!found) {
      found = await service.createHouseholds({
        code: h.code,
        alias: h.alias,
        village: h.village,
        moo: h.moo,
        tambon: "แม่มอก",
        amphoe: "เถิน",
        province: "ลำปาง",
        members_count: h.members_count,
        consent_given_name: h.consent.given_name,
        consent_photo: h.consent.photo,
        consent_story: h.consent.story,
        consent_recorded_at: new Date(),
        consent_recorded_by: SEED_ACTOR,
        given_name: h.given_name,
        story: h.story,
        ...englishOf(h),
        ...h.private,
        created_by: SEED_ACTOR,
        updated_by: SEED_ACTOR,
      })
      log(`created household ${h.alias}`)
    }
    // A database seeded before decision 0020: the demo alias without the name, the photo out of /static.
    if (found.created_by === SEED_ACTOR && h.previous_aliases?.includes(found.alias)) {
      await service.updateHouseholds({ id: found.id, alias: h.alias, updated_by: SEED_ACTOR })
      log(`renamed household ${found.alias} to ${h.alias}`)
    }
    if (found.created_by === SEED_ACTOR && !found.alias_en) {
      // A database seeded before decision 0068: the English texts.
      await service.updateHouseholds({ id: found.id, ...englishOf(h), updated_by: SEED_ACTOR })
    }
    if (found.created_by === SEED_ACTOR && h.photo && !found.photo_file) {
      const data = fs.readFileSync(path.join(__dirname, "photos", h.photo))
      await service.setHouseholdPhoto(found.id, { content_type: "image/jpeg", data }, SEED_ACTOR)
      log(`stored the photo of household ${h.code}`)
    }
    householdIds.set(h.code, found.id)
  }

  const plotIds = new Map<string, string>()
  for (const p of SEED_PLOTS) {
    let [found] = await service.listPlots({ code: p.code })
    if (!found) {
      found = await service.createPlots({
        code: p.code,
        household_id: householdIds.get(p.household)!,
        area_rai: p.area_rai,
        species_ids: p.species.map((key) => speciesIds.get(key)!),
        village: p.village,
        moo: p.moo,
        tambon: "แม่มอก",
        amphoe: "เถิน",
        province: "ลำปาง",
        geometry: seedPlotGeometry(p),
        lat: p.lat,
        lng: p.lng,
        created_by: SEED_ACTOR,
        updated_by: SEED_ACTOR,
      })
      log(`created plot ${p.code}`)
    }
    plotIds.set(p.code, found.id)
    for (const c of p.certifications) {
      const [cert] = await service.listCertifications({ plot_id: found.id, certificate_number: c.certificate_number })
      if (!cert) {
        await service.createCertifications({ ...c, plot_id: found.id, status: "active", created_by: SEED_ACTOR, updated_by: SEED_ACTOR })
        log(`created certificate ${c.certificate_number}`)
      }
    }
  }

  const harvestIds = new Map<string, string>()
  for (const h of SEED_HARVESTS) {
    const plot_id = plotIds.get(h.plot)!
    const species_id = speciesIds.get(h.species)!
    let [found] = await service.listHarvestLots({ plot_id, species_id, harvested_on: h.harvested_on })
    if (!found) {
      const { result } = await recordHarvestWorkflow(container).run({
        input: { plot_id, species_id, harvested_on: h.harvested_on, kg: h.kg, actor_id: SEED_ACTOR },
      })
      found = result.lot
      log(`recorded harvest ${h.plot} ${h.species} ${h.harvested_on}`)
    }
    harvestIds.set(h.key, found.id)
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  for (const b of SEED_BATCHES) {
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["id", "sku", "batches.id", "batches.produced_on", "batches.created_by"],
      filters: { sku: b.sku },
    })
    const variant = variants[0]
    if (!variant) throw new Error(`seed: no product variant with SKU ${b.sku} for the demo batch`)
    const linked = (variant.batches ?? []).find((x) => x?.produced_on === b.produced_on && x?.created_by === SEED_ACTOR)
    let batchId = linked?.id
    if (!batchId) {
      const { result } = await createBatchWorkflow(container).run({
        input: {
          variant_id: variant.id,
          produced_on: b.produced_on,
          best_before: b.best_before,
          units_planned: b.units_planned,
          inputs: b.inputs.map((i) => ({ harvest_lot_id: harvestIds.get(i.harvest)!, kg: i.kg })),
          issue_units: b.label_units,
          actor_id: SEED_ACTOR,
        },
      })
      batchId = result.id
      log(`created batch ${result.lot_number} of ${b.sku}`)
    }
    const [batch] = await service.listBatches({ id: batchId }, { relations: ["units"] })
    if ((batch.units ?? []).length === 0) {
      await issueLabelUnitsWorkflow(container).run({ input: { batch_id: batch.id, count: b.label_units } })
    }
    if (batch.status === "draft") {
      await setBatchStatusWorkflow(container).run({
        input: { batch_id: batch.id, action: "release", reason: null, actor_id: SEED_ACTOR },
      })
      log(`released batch ${batch.lot_number}`)
    }
  }
}

/** A seed household's English columns (the seeded villages are all in the storefront's romanised place list). */
function englishOf(h: SeedHousehold) {
  return { alias_en: h.en.alias, given_name_en: h.en.given_name, story_en: h.en.story }
}
