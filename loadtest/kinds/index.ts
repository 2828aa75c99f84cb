/** Every kind of load by the name `--kind` takes. */
import { auctionKind } from './auction.ts';
import { baseballKind } from './baseball.ts';
import { bgioKind } from './bgio.ts';
import { draftKind } from './draft.ts';
import { echoKind } from './echo.ts';
import { leaguePushKind } from './league-push.ts';
import type { Kind, KindOptions } from './kind.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own options type
export const kinds: Record<string, Kind<any>> = { draft: draftKind, auction: auctionKind, baseball: baseballKind, echo: echoKind, 'league-push': leaguePushKind, bgio: bgioKind };

export type { Kind, KindOptions };
