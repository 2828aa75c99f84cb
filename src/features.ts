import { defineRoom } from '@colyseus/core';
import type { ApiDeps } from './http/api.ts';

/**
 * The room kinds and the REST routers of the game features. One list, so adding a kind
 * (draft, auction, baseball) is one line here plus its own folders.
 */
export function roomDefinitions(): Record<string, ReturnType<typeof defineRoom>> {
  return {};
}

export const apiRouters: NonNullable<ApiDeps['routers']> = [];
