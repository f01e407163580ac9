// mjml ships no types; the one function the mail templates use (mjml 5: asynchronous).
declare module "mjml" {
  type Result = { html: string; errors: { message: string; formattedMessage?: string }[] }
  function mjml2html(input: string, options?: { validationLevel?: "strict" | "soft" | "skip"; minify?: boolean }): Promise<Result>
  export = mjml2html
}
