import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api.ts';
import { refusalWords } from '../lib/codes.ts';

/** What a refusal says: its stable code, what that means and the server's own words (each said once), and the fields it named. */
export interface Refused { code?: string; text: string }

/** A failed call as a refusal to show; `words` may rewrite the server's message (player ids → names). */
export function refusalOf(failure: unknown, words: (message: string) => string = (m) => m): Refused {
  if (!(failure instanceof ApiError)) return { text: (failure as Error)?.message ?? String(failure) };
  const fields = (failure.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields ?? [];
  return { code: failure.code, text: [refusalWords(failure.code, words(failure.message), (meaning, message) => `${meaning}: ${message}`), ...fields.map((f) => `${f.path}: ${f.message}`)].join(' · ') };
}

/**
 * The refusal box: the server's code first (what a support question quotes), then the reason in
 * plain words; a check of the page's own has no code. Give it the failure (`error`) or a refusal
 * already worded (`refused`).
 */
export function Refusal(props: { error?: unknown; refused?: Refused | null }) {
  const refused = props.refused ?? (props.error ? refusalOf(props.error) : null);
  if (!refused) return null;
  const { code, text } = refused;
  return <p role="alert" class="refusal error" data-code={code}>{code && <><b>{code}</b> </>}{text}</p>;
}

/**
 * Runs one REST action at a time: `busy` while it runs, its refusal kept to show, `done` after it
 * worked (the page reloads what changed). A refusal is returned too, for callers that answer it.
 */
export function useRun(done: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>): Promise<unknown> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      done();
      return null;
    } catch (failure) {
      setError(failure);
      return failure;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
