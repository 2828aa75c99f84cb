import assert from 'node:assert/strict';
import { isRuleError } from '../../src/rules/rule-error.ts';
import type { Outcome } from '../../src/rules/outcome.ts';

/** Freezes a value and everything in it, so a reducer that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Rules of any kind as a room runs them: commands against the current state, events applied with
 * the kind's one reducer and kept in a log (so tests can replay it). Drafts and auctions extend it.
 */
export class RuleHarness<S, E, Code extends string> {
  state: S;
  readonly log: E[] = [];
  readonly #reduce: (state: S, event: E) => S;

  constructor(initial: S, reduce: (state: S, event: E) => S) {
    this.state = initial;
    this.#reduce = reduce;
  }

  /** Runs a command that must succeed; returns its events. */
  do(command: (state: S) => Outcome<E, Code>): E[] {
    const outcome = command(this.state);
    if (isRuleError(outcome)) assert.fail(`expected events, got ${outcome.code}: ${outcome.message}`);
    this.apply(outcome.events);
    return outcome.events;
  }

  apply(events: readonly E[]): void {
    for (const event of events) {
      this.state = this.#reduce(this.state, event);
      this.log.push(event);
    }
  }

  /** Runs a command that must be refused with `code`, checks it returned no events and changed nothing; returns its message. */
  refuse(command: (state: S) => Outcome<E, Code>, code: Code): string {
    const before = structuredClone(this.state);
    deepFreeze(this.state);
    const outcome = command(this.state);
    assert.ok(isRuleError(outcome), `expected ${code}, got events ${JSON.stringify(outcome)}`);
    assert.equal(outcome.code, code, outcome.message);
    assert.deepEqual(Object.keys(outcome).sort(), ['code', 'message']);
    assert.deepEqual(this.state, before);
    return outcome.message;
  }
}
