/** A form's outcome under its fields: why it was refused, or what it did. */
export function FormStatus(props: { error: string; message: string }) {
  return (
    <>
      {props.error && <p role="alert" class="error">{props.error}</p>}
      {props.message && <p class="ok">{props.message}</p>}
    </>
  );
}
