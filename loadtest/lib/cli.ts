/**
 * Command-line helpers shared by the load tests: failing with a usage message (exit 2), whole-number
 * options with bounds, and the loopback-only check of the server URL.
 */

import { parseArgs } from 'node:util';

export interface Cli {
  /** Prints `<tool>: message` to stderr and exits 2 (a usage error: nothing was run). */
  fail(message: string): never;
  /** The option's value as a whole number in [min, max], or fail naming the option. */
  int(value: unknown, name: string, min: number, max: number): number;
  /** The URL without trailing slashes; fails unless it names a loopback server. */
  loopbackUrl(url: unknown): string;
  /** `argv` parsed strictly against string options (node:util parseArgs), or fail with its message. */
  options(argv: string[], options: Record<string, { type: 'string'; default?: string }>): Record<string, string | undefined>;
}

export function cli(tool: string): Cli {
  function fail(message: string): never {
    console.error(`${tool}: ${message}`);
    process.exit(2);
  }

  function int(raw: unknown, name: string, min: number, max: number): number {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
    return value;
  }

  function loopbackUrl(url: unknown): string {
    const baseUrl = String(url).replace(/\/+$/, '');
    let host: string;
    try {
      host = new URL(baseUrl).hostname;
    } catch {
      fail(`--url ${baseUrl} is not a URL`);
    }
    const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
    if (!loopback) fail(`--url must name a loopback server (127.x.x.x, localhost, [::1]), not ${host}`);
    return baseUrl;
  }

  function options(argv: string[], known: Record<string, { type: 'string'; default?: string }>): Record<string, string | undefined> {
    try {
      return parseArgs({ args: argv, options: known, strict: true }).values as Record<string, string | undefined>;
    } catch (error) {
      return fail((error as Error).message);
    }
  }

  return { fail, int, loopbackUrl, options };
}
