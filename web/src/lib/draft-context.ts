import { api, allPages } from './api.ts';
import { getSession } from './session.ts';

export interface PoolPlayer { id: string; name: string; positions: string[]; team: string; rank: number; adp: number }
export interface DraftSummary {
  id: string; leagueId: string; sport: string; type: string; status: string;
  config: Record<string, any>;
  order: Array<{ teamId: string; name: string; ownerId: string | null }>;
}

/** Everything a draft or auction page needs besides the room: the config, the pool, who I am. */
export interface DraftContext {
  summary: DraftSummary;
  pool: Map<string, PoolPlayer>;
  ranked: PoolPlayer[];
  myTeamId: string | null;
  commissioner: boolean;
}

export async function loadDraftContext(draftId: string): Promise<DraftContext> {
  const summary = await api.get<DraftSummary>(`/drafts/${draftId}`);
  const [players, league] = await Promise.all([
    allPages<PoolPlayer>(`/players?sport=${summary.sport}&limit=200`),
    api.get<{ role: string | null }>(`/leagues/${summary.leagueId}`).catch(() => ({ role: null })),
  ]);
  const me = getSession()?.user.id;
  return {
    summary,
    pool: new Map(players.map((p) => [p.id, p])),
    ranked: players,
    myTeamId: summary.order.find((o) => o.ownerId === me)?.teamId ?? null,
    commissioner: league.role === 'commissioner',
  };
}
