import { statEventInput, type StatEventInput } from '../scoring/ingest.ts';

/** A feed file (JSON Lines) checked line by line, as the CLI sends it. Pure: no I/O. */
export interface ParsedFeed {
  events: StatEventInput[];
  /** Lines that are not a valid stat event, 1-based, with why: reported, never sent. */
  bad: Array<{ line: number; message: string }>;
}

export function parseFeed(text: string): ParsedFeed {
  const feed: ParsedFeed = { events: [], bad: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      feed.bad.push({ line: index + 1, message: 'not JSON' });
      return;
    }
    const parsed = statEventInput.safeParse(json);
    if (parsed.success) feed.events.push(parsed.data);
    else feed.bad.push({ line: index + 1, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
  });
  return feed;
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
