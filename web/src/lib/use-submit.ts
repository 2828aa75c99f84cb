import { useState } from 'preact/hooks';
import { describeError } from './api.ts';

/** A form's submit: runs `run`, shows what it answers (a short confirmation) or why it failed. */
export function useSubmit(run: () => Promise<string>) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    setMessage('');
    setBusy(true);
    try {
      setMessage(await run());
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return { submit, message, error, busy };
}
