/**
 * boardgame.io 0.50.2's entry points (`boardgame.io/server`, `/client`, ...) are CommonJS folders
 * that Node's ES-module resolver will not import by name: they are required here, typed by the
 * package's own declarations.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { Server } = require('boardgame.io/server') as typeof import('boardgame.io/dist/types/packages/server.js');
export const { INVALID_MOVE } = require('boardgame.io/core') as typeof import('boardgame.io/dist/types/packages/core.js');
export const { Client } = require('boardgame.io/client') as typeof import('boardgame.io/dist/types/packages/client.js');
export const { SocketIO } = require('boardgame.io/multiplayer') as typeof import('boardgame.io/dist/types/packages/multiplayer.js');
