import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { api, query } from "./api"
import type { Batch, Harvest, HerbSpecies, Household, Plot, ProductVariantOption } from "./types"

// One query key root per resource, so a save refreshes every list that shows it.
export const keys = {
  species: ["maemok", "herb-species"] as const,
  households: ["maemok", "households"] as const,
  plots: ["maemok", "plots"] as const,
  harvests: ["maemok", "harvests"] as const,
  batches: ["maemok", "batches"] as const,
  scans: ["maemok", "scans"] as const,
  labelReports: ["maemok", "label-reports"] as const,
}

export function useSpecies() {
  return useQuery({
    queryKey: keys.species,
    queryFn: () => api<{ herb_species: HerbSpecies[] }>("/admin/herb-species?limit=500").then((r) => r.herb_species),
  })
}

export function useHouseholds() {
  return useQuery({
    queryKey: keys.households,
    queryFn: () => api<{ households: Household[] }>("/admin/households?limit=500").then((r) => r.households),
  })
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: [...keys.households, id],
    queryFn: () => api<{ household: Household }>(`/admin/households/${encodeURIComponent(id)}`).then((r) => r.household),
  })
}

export function usePlots(householdId?: string) {
  return useQuery({
    queryKey: [...keys.plots, householdId ?? "all"],
    queryFn: () => api<{ plots: Plot[] }>(`/admin/plots${query({ limit: 500, household_id: householdId })}`).then((r) => r.plots),
  })
}

export function usePlot(id: string) {
  return useQuery({
    queryKey: [...keys.plots, "one", id],
    queryFn: () => api<{ plot: Plot }>(`/admin/plots/${encodeURIComponent(id)}`).then((r) => r.plot),
  })
}

export function useHarvests(params: { available?: boolean } = {}) {
  return useQuery({
    queryKey: [...keys.harvests, params.available ? "available" : "all"],
    queryFn: () =>
      api<{ harvests: Harvest[] }>(`/admin/harvests${query({ limit: 500, available: params.available || undefined })}`).then(
        (r) => r.harvests
      ),
  })
}

export function useBatches(params: { variantId?: string } = {}) {
  return useQuery({
    queryKey: [...keys.batches, params.variantId ?? "all"],
    queryFn: () =>
      api<{ batches: Batch[] }>(`/admin/batches${query({ limit: 500, variant_id: params.variantId })}`).then((r) => r.batches),
  })
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: [...keys.batches, "one", id],
    queryFn: () => api<{ batch: Batch }>(`/admin/batches/${encodeURIComponent(id)}`).then((r) => r.batch),
  })
}

/** Medusa's own variants, for the batch form. */
export function useVariants() {
  return useQuery({
    queryKey: ["maemok", "variants"],
    queryFn: () =>
      api<{ variants: ProductVariantOption[] }>(
        "/admin/product-variants?limit=200&fields=id,title,sku,barcode,product.title"
      ).then((r) => r.variants),
  })
}

/** An admin user's e-mail for "recorded by" lines (actor ids are user ids). */
export function useUserLabel(id: string | null | undefined) {
  const q = useQuery({
    queryKey: ["maemok", "user", id],
    enabled: !!id,
    staleTime: Infinity,
    retry: false,
    queryFn: () =>
      api<{ user: { email: string } }>(`/admin/users/${encodeURIComponent(id!)}?fields=id,email`).then((r) => r.user.email),
  })
  return q.data ?? id ?? "—"
}

/** A POST whose success refreshes the given resources. */
export function useSave<TBody, TResult>(path: string | ((body: TBody) => string), refresh: readonly (readonly string[])[]) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: TBody) => api<TResult>(typeof path === "function" ? path(body) : path, { method: "POST", body }),
    onSuccess: async () => {
      await Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey })))
    },
  })
}

/**
 * How a plot is named in a picker: code, household alias and village ("MM-P-0171 · สวนป่าแก้ว · บ้านแม่มอก"),
 * so a member finds it without knowing codes.
 */
export function usePlotLabel(): (plot: Plot) => string {
  const households = useHouseholds()
  return (plot) => {
    const alias = households.data?.find((h) => h.id === plot.household_id)?.alias
    return [plot.code, alias, plot.village].filter(Boolean).join(" · ")
  }
}
