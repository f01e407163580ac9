import type { MedusaContainer } from "@medusajs/framework/types"
import { saveHerbPageWorkflow } from "../../workflows/herbs/save-herb-page"
import { traceability } from "../traceability/service"
import { SEED_HERB_PAGES, SEED_RECIPES } from "./herb-pages-data"
import { SEED_ACTOR, SEED_SPECIES } from "./traceability-data"

type Log = (message: string) => void

/**
 * Seeds the herb knowledge (herb pages and recipes). It holds no household data, so it runs in production too;
 * it creates the three herb species when they are missing. Pages go through the same workflow (and checks)
 * as the admin; nothing that exists is overwritten, so the group's own edits stay.
 */
export async function seedHerbKnowledge(container: MedusaContainer, log: Log): Promise<void> {
  const service = traceability(container)
  for (const page of SEED_HERB_PAGES) {
    let [species] = await service.listHerbSpecies({ scientific_name: page.species })
    if (!species) {
      const s = SEED_SPECIES.find((x) => x.scientific_name === page.species)!
      species = await service.createHerbSpecies({ thai_name: s.thai_name, scientific_name: s.scientific_name, part_used: s.part_used, created_by: SEED_ACTOR, updated_by: SEED_ACTOR })
      log(`created herb ${s.thai_name} (${s.scientific_name})`)
    }
    const [existing] = await service.listHerbPages({ species_id: species.id })
    if (existing) continue
    const uses = []
    for (const u of page.uses) {
      const { household_code, ...source } = u.source
      const [household] = household_code ? await service.listHouseholds({ code: household_code }) : []
      uses.push({ ...u, source: { ...source, household_id: household?.id ?? null } })
    }
    const { species: _s, ...fields } = page
    await saveHerbPageWorkflow(container).run({
      input: { species_id: species.id, page: { ...fields, uses, published: true }, actor_id: SEED_ACTOR },
    })
    log(`created herb page ${page.name_th}`)
  }
  for (const r of SEED_RECIPES) {
    const [existing] = await service.listHerbRecipes({ slug: r.slug })
    if (existing) continue
    await service.createHerbRecipes({ ...r, published: true, created_by: SEED_ACTOR, updated_by: SEED_ACTOR })
    log(`created recipe ${r.title_th}`)
  }
}
