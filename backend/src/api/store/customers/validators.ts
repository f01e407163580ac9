import { z } from "@medusajs/framework/zod"

// Request bodies of the store's e-mail verification routes (docs/decisions/0053-e-mail-verification.md).
export const EmailVerify = z.object({ token: z.string().min(10).max(200) }).strict()
export type EmailVerify = z.infer<typeof EmailVerify>
