import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedCatalogue } from "../lib/seed/seed-catalogue"

export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const messages: string[] = []
  await seedCatalogue(container, (message) => {
    messages.push(message)
    logger.info(`seed: ${message}`)
  })
  logger.info(messages.length === 0 ? "seed: already seeded, nothing to add" : `seed: ${messages.length} steps done`)
}
