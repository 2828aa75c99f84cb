/** Every kind of load by the name `--kind` takes. */
import { auctionKind } from './auction.ts';
import { baseballKind } from './baseball.ts';
import { draftKind } from './draft.ts';
import { echoKind } from './echo.ts';
import type { Kind, KindOptions } from './kind.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own options type
export const kinds: Record<string, Kind<any>> = { draft: draftKind, auction: auctionKind, baseball: baseballKind, echo: echoKind };

export type { Kind, KindOptions };
