import type { MessageKey } from "~/i18n"
import { useI18n } from "~/lib/i18n/use-i18n"

/** A labelled input with its error right below it, tied together for screen readers. */
export function FormField(props: {
  name: string
  label: string
  value?: string
  error?: MessageKey
  type?: "text" | "email" | "password" | "tel"
  autoComplete?: string
  inputMode?: "numeric" | "tel" | "text" | "email"
  required?: boolean
}) {
  const { t } = useI18n()
  const id = `f-${props.name}`
  return (
    <div>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.value ?? ""}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required ?? true}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(props.error)}
        </p>
      ) : null}
    </div>
  )
}
