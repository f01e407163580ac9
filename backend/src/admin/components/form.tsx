import { Button, Input as UiInput, Label, Text, clx } from "@medusajs/ui"
import { createContext, forwardRef, useContext, useState, type ComponentProps, type ReactNode } from "react"
import { localizedMessage } from "../lib/api"
import { useT } from "../lib/use-t"

/**
 * Whether the form around an input has had a refused attempt (null: not in a <Form>). An empty required
 * field is :invalid from the first render and @medusajs/ui outlines every :invalid input red, so a new form
 * (and a form just emptied after a save) looked broken before anyone used it. Red only after an attempt.
 */
const Attempted = createContext<boolean | null>(null)

/**
 * A <form> that shows invalid fields only once the browser refused a submit (its `invalid` events), and
 * forgets that on the next accepted submit, so a form emptied after a save starts clean again.
 */
export function Form(props: ComponentProps<"form">) {
  const { onInvalidCapture, onSubmitCapture, ...rest } = props
  const [attempted, setAttempted] = useState(false)
  return (
    <Attempted.Provider value={attempted}>
      <form
        {...rest}
        data-attempted={attempted ? "" : undefined}
        onInvalidCapture={(e) => {
          setAttempted(true)
          onInvalidCapture?.(e)
        }}
        onSubmitCapture={(e) => {
          setAttempted(false)
          onSubmitCapture?.(e)
        }}
      />
    </Attempted.Provider>
  )
}

// Replaces @medusajs/ui's `invalid:!shadow-borders-error` (tailwind-merge keeps the later class) until an attempt.
const QUIET_INVALID = "invalid:!shadow-borders-base invalid:focus-visible:!shadow-borders-interactive-with-active"

/** @medusajs/ui's Input, outlined red when invalid only after its <Form> refused a submit. */
export const Input = forwardRef<HTMLInputElement, ComponentProps<typeof UiInput>>(function Input(props, ref) {
  const attempted = useContext(Attempted)
  return <UiInput ref={ref} {...props} className={clx(attempted === false && QUIET_INVALID, props.className)} />
})

/** A labelled form row; one column, so it fits a 360 px phone. */
export function Field(props: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={props.id} size="small" weight="plus">
        {props.label}
      </Label>
      {props.children}
      {props.hint && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {props.hint}
        </Text>
      )}
    </div>
  )
}

/** A text input in a Field. */
export function TextField(
  props: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void } & Omit<
    ComponentProps<typeof Input>,
    "value" | "onChange" | "id"
  >
) {
  const { id, label, hint, value, onChange, ...rest } = props
  return (
    <Field id={id} label={label} hint={hint}>
      <Input id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
    </Field>
  )
}

/**
 * A native select: phones show their own large picker, and it works with every input method.
 * Styled like @medusajs/ui's inputs.
 */
export function NativeSelect(props: ComponentProps<"select">) {
  const { className, ...rest } = props
  return (
    <select
      {...rest}
      className={clx(
        "bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base h-10 w-full rounded-md px-2 outline-none",
        "focus-visible:shadow-borders-interactive-with-active disabled:text-ui-fg-disabled",
        className
      )}
    />
  )
}

/** A form's error, in the admin's language when the API gave it in two. */
export function FormError(props: { message: string | null }) {
  if (!props.message) return null
  return (
    <div role="alert" className="bg-ui-tag-red-bg text-ui-tag-red-text txt-compact-small rounded-md px-3 py-2">
      {props.message}
    </div>
  )
}

/** A form's last row: the API's refusal (in the admin's language) above the submit button. */
export function SubmitRow(props: {
  error: { message: string; messageTh?: string } | string | null | undefined
  busy: boolean
  label: string
  disabled?: boolean
  className?: string
}) {
  const { language } = useT()
  return (
    <div className={clx("flex flex-col gap-y-2", props.className)}>
      <FormError message={props.error ? localizedMessage(props.error, language) : null} />
      <Button type="submit" isLoading={props.busy} disabled={props.disabled} className="self-start">
        {props.label}
      </Button>
    </div>
  )
}

type InputExtras = Omit<ComponentProps<typeof Input>, "value" | "onChange" | "id">

/** Presets for number inputs: phones then show a number keypad. */
export const decimalInput: InputExtras = { type: "number", min: 0, step: "any", inputMode: "decimal" }
export const wholeInput: InputExtras = { type: "number", min: 1, step: 1, inputMode: "numeric" }

/**
 * A form's text values with one setter per key; `field(key, label, extras)` renders its input with the
 * id `${prefix}-${key}`.
 */
export function useFields<K extends string>(prefix: string, initial: Record<K, string>) {
  const [values, setValues] = useState(initial)
  const set = (k: K) => (value: string) => setValues((old) => ({ ...old, [k]: value }))
  const field = (k: K, label: string, extras: InputExtras = {}) => (
    <TextField id={`${prefix}-${k}`} label={label} value={values[k]} onChange={set(k)} {...extras} />
  )
  return { values, setValues, set, field, reset: () => setValues(initial) }
}
