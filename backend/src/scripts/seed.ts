import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readEnv } from "../lib/env"
import { seedCatalogue } from "../lib/seed/seed-catalogue"
import { seedHerbKnowledge } from "../lib/seed/herb-pages"
import { seedProductVideos } from "../lib/seed/product-videos"
import { seedTraceability } from "../lib/seed/traceability"

export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messages: string[] = []
  const log = (message: string) => {
    messages.push(message)
    logger.info(`seed: ${message}`)
  }
  await seedCatalogue(container, log)
  // The traceability demo (households with made-up private data, their plots, harvests and labelled batches) is
  // for trying the shop out. A real deployment records its own households: none are invented in production.
  if (readEnv().isProduction) logger.info("seed: production: the traceability demo (households, plots, batches) is left out")
  else await seedTraceability(container, log)
  // Herb pages and recipes: public knowledge, no household data (a healer is credited only if the household exists).
  await seedHerbKnowledge(container, log)
  await seedProductVideos(container, log)
  logger.info(messages.length === 0 ? "seed: already seeded, nothing to add" : `seed: ${messages.length} steps done`)
}
