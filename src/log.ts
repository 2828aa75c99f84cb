import { pino, type Logger } from 'pino';

/** Structured logs (JSON lines). Level from LOG_LEVEL; children carry room id / user id. */
export const log: Logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { pid: process.pid } });

export function setLogLevel(level: string): void {
  log.level = level;
}
