import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedCatalogue } from "../lib/seed/seed-catalogue"
import { seedTraceability } from "../lib/seed/traceability"

export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messages: string[] = []
  const log = (message: string) => {
    messages.push(message)
    logger.info(`seed: ${message}`)
  }
  await seedCatalogue(container, log)
  await seedTraceability(container, log)
  logger.info(messages.length === 0 ? "seed: already seeded, nothing to add" : `seed: ${messages.length} steps done`)
}
