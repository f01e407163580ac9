import { Form, useRouteLoaderData, type FormProps } from "@remix-run/react"
import { CSRF_FIELD, type CsrfRootData } from "~/lib/security/csrf"

export { CSRF_FIELD }

/** The hidden CSRF field, for a form that is not a <ShopForm> (Stripe's pay form). */
export function CsrfField() {
  const token = (useRouteLoaderData("root") as CsrfRootData | undefined)?.csrf ?? ""
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
