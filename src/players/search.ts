import { z } from 'zod';
import { decodeCursor as decodePageCursor, encodeCursor as encodePageCursor, cursorParts } from '../http/cursor.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { Player } from '../db/entities/index.ts';
import type { Sport } from './types.ts';
import { AppError } from '../errors.ts';

export interface PlayerQuery {
  sport?: Sport;
  q?: string;
  position?: string;
  /** The club's code as players carry it (`team`), e.g. MB. */
  team?: string;
  limit: number;
  cursor?: string;
}

/**
 * The player pool, best rank first. Keyset pagination on (rank, id): a page never repeats or skips
 * a player when others are added meanwhile, and page N costs the same as page 1.
 */
export async function searchPlayers(em: EntityManager, query: PlayerQuery) {
  const where: FilterQuery<Player> = {};
  if (query.sport) where.sport = query.sport;
  if (query.q) where.name = { $ilike: `%${escapeLike(query.q)}%` };
  if (query.team) where.team = { $ilike: escapeLike(query.team) };
  if (query.position) where.positions = { $contains: [query.position.toUpperCase()] };
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const page = await em.find(Player, after ? { $and: [where, afterCursor(after)] } : where, {
    orderBy: { rank: 'asc', id: 'asc' },
    limit: query.limit + 1,
  });
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(playerView),
    nextCursor: page.length > query.limit && last ? encodeCursor({ rank: last.rank, id: last.id }) : null,
  };
}

export function playerView(player: Player) {
  const { id, externalId, sport, name, positions, team, rank, adp, attributes } = player;
  return { id, externalId, sport, name, positions, team, rank, adp, attributes };
}

interface Cursor { rank: number; id: string }

function afterCursor(c: Cursor): FilterQuery<Player> {
  return { $or: [{ rank: { $gt: c.rank } }, { rank: c.rank, id: { $gt: c.id } }] };
}

function encodeCursor(c: Cursor): string {
  return encodePageCursor([c.rank, c.id]);
}

const cursorShape = z.tuple([cursorParts.int, cursorParts.id]);

function decodeCursor(raw: string): Cursor {
  const [rank, id] = decodePageCursor(raw, cursorShape);
  return { rank, id };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
