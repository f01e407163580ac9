import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createProductTypesWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateProductsWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { paymentProviderIds, readEnv } from "../env"
import {
  FULFILLMENT_SET_NAME,
  PRODUCT_TYPES,
  PRODUCTS,
  PUBLISHABLE_KEY_TITLE,
  REGION_NAME,
  SALES_CHANNEL_NAME,
  SHIPPING_OPTIONS,
  STOCK_LOCATION_NAME,
  STORE_NAME,
  VAT_RATE,
} from "./catalogue"

type Log = (message: string) => void

/**
 * Product images ship in backend/static and are stored relative to the backend, so they stay right whatever
 * MEDUSA_BACKEND_URL is (the storefront puts its origin in front: storefront/app/lib/medusa/media.server.ts).
 */
export function productImagePath(file: string): string {
  return `/static/products/${file}`
}

/** "http://localhost:9000/static/products/x.svg" → "/static/products/x.svg": the absolute form earlier seeds stored. */
export function relativeStaticPath(url: string | null | undefined): string | null {
  const m = url ? /^https?:\/\/[^/]+(\/static\/[^?#\s]+)$/.exec(url) : null
  return m ? m[1]! : null
}

/**
 * Seeds the Mae Mok catalogue. Every step looks for what it would create first, so running it
 * again adds nothing; a step that was interrupted is completed on the next run.
 * All writes go through Medusa's workflows, which compensate on failure.
 */
export async function seedCatalogue(container: MedusaContainer, log: Log): Promise<void> {
  const env = readEnv()
  const link = container.resolve(ContainerRegistrationKeys.LINK)

  // Sales channel
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  let [salesChannel] = await salesChannelModule.listSalesChannels({ name: SALES_CHANNEL_NAME })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: SALES_CHANNEL_NAME, description: "Online shop / ร้านค้าออนไลน์" }] },
    })
    salesChannel = result[0]
    log(`created sales channel ${SALES_CHANNEL_NAME}`)
  }

  // Store: THB with VAT-inclusive prices
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const hasThb = store.supported_currencies?.some((c) => c.currency_code === "thb")
  if (!hasThb || store.name !== STORE_NAME || store.default_sales_channel_id !== salesChannel.id) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: STORE_NAME,
          supported_currencies: [{ currency_code: "thb", is_default: true, is_tax_inclusive: true }],
          default_sales_channel_id: salesChannel.id,
        },
      },
    })
    log("configured the store for THB with VAT-inclusive prices")
  }

  // Region Thailand and its 7 % VAT
  const regionModule = container.resolve(Modules.REGION)
  let [region] = await regionModule.listRegions({ name: REGION_NAME })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: REGION_NAME,
            currency_code: "thb",
            countries: ["th"],
            is_tax_inclusive: true,
            automatic_taxes: true,
            payment_providers: ["pp_system_default"],
            metadata: { name_en: "Thailand" },
          },
        ],
      },
    })
    region = result[0]
    log(`created region ${REGION_NAME} (THB)`)
  }
  // Offer the configured payment providers; one added to the environment later is added on the next seed.
  const { data: regionProviders } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "region",
    fields: ["payment_providers.id"],
    filters: { id: region.id },
  })
  const offered = (regionProviders[0]?.payment_providers ?? []).map((p) => p!.id)
  const missingProviders = paymentProviderIds(env).filter((id) => !offered.includes(id))
  if (missingProviders.length > 0) {
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { payment_providers: [...offered, ...missingProviders] } },
    })
    log(`offered payment providers in ${REGION_NAME}: ${missingProviders.join(", ")}`)
  }
  const taxModule = container.resolve(Modules.TAX)
  const [taxRegion] = await taxModule.listTaxRegions({ country_code: "th" })
  if (!taxRegion) {
    await createTaxRegionsWorkflow(container).run({
      input: [
        {
          country_code: "th",
          provider_id: "tp_system",
          default_tax_rate: { rate: VAT_RATE, code: "VAT7", name: "ภาษีมูลค่าเพิ่ม 7%" },
        },
      ],
    })
    log(`created the Thai tax region (VAT ${VAT_RATE} %)`)
  }
  const storeForDefaults = (await storeModule.listStores())[0]
  if (storeForDefaults.default_region_id !== region.id) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { default_region_id: region.id } },
    })
  }

  // Stock location, shipping from Mae Mok with Thailand Post
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await stockLocationModule.listStockLocations({ name: STOCK_LOCATION_NAME })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: STOCK_LOCATION_NAME,
            address: {
              address_1: "ตำบลแม่มอก",
              city: "อำเภอเถิน",
              province: "ลำปาง",
              postal_code: "52160",
              country_code: "th",
            },
          },
        ],
      },
    })
    location = result[0]
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [salesChannel.id] },
    })
    log(`created stock location ${STOCK_LOCATION_NAME}`)
  }

  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
  }

  let [fulfillmentSet] = await fulfillmentModule.listFulfillmentSets(
    { name: FULFILLMENT_SET_NAME },
    { relations: ["service_zones"] }
  )
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: FULFILLMENT_SET_NAME,
      type: "shipping",
      service_zones: [{ name: "ทั่วประเทศไทย", geo_zones: [{ country_code: "th", type: "country" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    fulfillmentSet = (
      await fulfillmentModule.listFulfillmentSets({ id: fulfillmentSet.id }, { relations: ["service_zones"] })
    )[0]
    log(`created fulfillment set ${FULFILLMENT_SET_NAME}`)
  }

  const existingOptions = await fulfillmentModule.listShippingOptions({
    name: SHIPPING_OPTIONS.map((o) => o.name),
  })
  const missingOptions = SHIPPING_OPTIONS.filter((o) => !existingOptions.some((e) => e.name === o.name))
  if (missingOptions.length > 0) {
    await createShippingOptionsWorkflow(container).run({
      input: missingOptions.map((option) => ({
        name: option.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: option.label_en, description: option.description, code: option.code },
        prices: [
          { currency_code: "thb", amount: option.amount },
          { region_id: region.id, amount: option.amount },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
          { attribute: "is_return", value: "false", operator: "eq" as const },
        ],
      })),
    })
    log(`created shipping options: ${missingOptions.map((o) => o.name).join(", ")}`)
  }

  // Publishable key for the storefront
  const apiKeyModule = container.resolve(Modules.API_KEY)
  let [publishableKey] = await apiKeyModule.listApiKeys({ title: PUBLISHABLE_KEY_TITLE, type: "publishable" })
  if (!publishableKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "seed" }] },
    })
    publishableKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: publishableKey.id, add: [salesChannel.id] },
    })
    log("created the storefront's publishable API key")
  }

  // Product types and products
  const productModule = container.resolve(Modules.PRODUCT)
  const existingTypes = await productModule.listProductTypes({})
  const missingTypes = PRODUCT_TYPES.filter((t) => !existingTypes.some((e) => e.value === t.value))
  if (missingTypes.length > 0) {
    await createProductTypesWorkflow(container).run({
      input: { product_types: missingTypes.map((t) => ({ value: t.value, metadata: { ...t.metadata } })) },
    })
  }
  const types = await productModule.listProductTypes({})

  const existingProducts = await productModule.listProducts({ handle: PRODUCTS.map((p) => p.handle) })
  const missingProducts = PRODUCTS.filter((p) => !existingProducts.some((e) => e.handle === p.handle))
  if (missingProducts.length > 0) {
    const { result: created } = await createProductsWorkflow(container).run({
      input: {
        products: missingProducts.map((p) => ({
          title: p.title,
          subtitle: p.subtitle,
          handle: p.handle,
          description: p.description,
          status: ProductStatus.PUBLISHED,
          type_id: types.find((t) => t.value === p.type)?.id,
          shipping_profile_id: shippingProfile.id,
          thumbnail: productImagePath(p.images[0]!),
          images: p.images.map((file) => ({ url: productImagePath(file) })),
          metadata: {
            title_en: p.title_en,
            subtitle_en: p.subtitle_en,
            description_en: p.description_en,
            option_title_en: p.option_title_en,
            lot_prefix: p.lot_prefix,
          },
          options: [{ title: p.option_title, values: p.variants.map((v) => v.option) }],
          sales_channels: [{ id: salesChannel.id }],
          variants: p.variants.map((v) => ({
            title: v.title,
            sku: v.sku,
            barcode: v.barcode,
            weight: v.weight_g,
            manage_inventory: true,
            options: { [p.option_title]: v.option },
            prices: [{ amount: v.price, currency_code: "thb" }],
            metadata: { title_en: v.title_en },
          })),
        })),
      },
    })
    log(`created products: ${created.map((p) => p.handle).join(", ")}`)

    // Stock for the new products' inventory items at the Mae Mok location.
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["sku", "inventory_items.inventory_item_id"],
      filters: { product_id: created.map((p) => p.id) },
    })
    const stockBySku = new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.stock] as const)))
    const levels = variants.flatMap((variant) =>
      (variant.inventory_items ?? []).map((item) => ({
        location_id: location.id,
        inventory_item_id: item!.inventory_item_id,
        stocked_quantity: stockBySku.get(variant.sku!) ?? 0,
      }))
    )
    if (levels.length > 0) {
      await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: levels } })
    }
    log(`stocked ${levels.length} variants at ${STOCK_LOCATION_NAME}`)
  }

  // Databases seeded before images were relative hold them on the origin of that day (often a port that has
  // changed since): the seeded products' images become relative again.
  const seeded = await productModule.listProducts({ handle: PRODUCTS.map((p) => p.handle) }, { relations: ["images"] })
  for (const product of seeded) {
    const images = (product.images ?? []).map((i) => i.url)
    const relative = images.map((u) => relativeStaticPath(u) ?? u)
    const thumbnail = relativeStaticPath(product.thumbnail)
    if (!thumbnail && relative.every((u, i) => u === images[i])) continue
    await updateProductsWorkflow(container).run({
      input: {
        selector: { id: product.id },
        update: { thumbnail: thumbnail ?? product.thumbnail, images: relative.map((url) => ({ url })) },
      },
    })
    log(`made the images of ${product.handle} relative to the backend`)
  }

  // Admin user for group members
  const userModule = container.resolve(Modules.USER)
  const [admin] = await userModule.listUsers({ email: env.adminEmail })
  if (!admin) {
    const authModule = container.resolve(Modules.AUTH)
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email: env.adminEmail, password: env.adminPassword },
    })
    if (error || !authIdentity) {
      throw new Error(`could not create the admin login for ${env.adminEmail}: ${error}`)
    }
    await createUserAccountWorkflow(container).run({
      input: { authIdentityId: authIdentity.id, userData: { email: env.adminEmail, first_name: "Admin" } },
    })
    log(`created admin user ${env.adminEmail}`)
  }
}
