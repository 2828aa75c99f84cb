/**
 * `datetime-local` inputs hold the viewer's local wall time, without a zone; the API speaks
 * instants (ISO 8601 UTC). These convert both ways, so a form that loads a stored time and saves
 * it unchanged sends the same instant back.
 */

/** An instant as a `datetime-local` input's value in the viewer's time zone. */
export function toLocalInput(iso: string | number): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A `datetime-local` input's value (the viewer's local time) as an ISO instant; '' stays ''. */
export function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : '';
}
