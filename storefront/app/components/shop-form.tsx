import { Form, useRouteLoaderData, type FormProps } from "@remix-run/react"
import type { loader as rootLoader } from "~/root"

/** Name of the hidden field that carries the CSRF token (checked by verifiedForm in csrf.server.ts). */
export const CSRF_FIELD = "csrf"

/** The hidden CSRF field, for a form that is not a <ShopForm> (Stripe's pay form). */
export function CsrfField() {
  const token = useRouteLoaderData<typeof rootLoader>("root")?.csrf ?? ""
  return <input type="hidden" name={CSRF_FIELD} value={token} />
}

/** Every form that changes something: a Remix <Form method="post"> that carries the CSRF token, with or without JavaScript. */
export function ShopForm({ children, ...props }: Omit<FormProps, "method">) {
  return (
    <Form method="post" {...props}>
      <CsrfField />
      {children}
    </Form>
  )
}
