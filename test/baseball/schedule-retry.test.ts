import assert from 'node:assert/strict';
import { CREATE_AHEAD_MS, dueBy, nextTryAt, tryFailed } from '../../src/baseball/league-schedule.ts';
import { AppError } from '../../src/errors.ts';

const MINUTE = 60_000;
const RETRY = 5 * MINUTE;
const FIRST_PITCH = Date.UTC(2026, 3, 1, 18);

type Row = Parameters<typeof nextTryAt>[0];
const row = (over: Partial<Row> = {}): Row => ({ game: null, problem: null, triedAt: null, failedAt: null, scheduledAt: new Date(FIRST_PITCH), ...over });
const refusal = new AppError(409, 'ROSTER_INCOMPLETE', 'Team 4 cannot field a lineup: no catcher');

/** When a scheduled game is tried (src/baseball/league-schedule.ts): pure, with the time given. */
describe('baseball schedule: when a game not created is tried again', () => {
  it('tries a game first CREATE_AHEAD_MS before its first pitch, never once it has its game or has failed', () => {
    assert.equal(nextTryAt(row(), RETRY), FIRST_PITCH - CREATE_AHEAD_MS);
    assert.equal(nextTryAt(row({ game: crypto.randomUUID() }), RETRY), null);
    assert.equal(nextTryAt(row({ problem: 'X: y', triedAt: new Date(FIRST_PITCH), failedAt: new Date(FIRST_PITCH) }), RETRY), null);
    assert.equal(dueBy(row(), RETRY, FIRST_PITCH - CREATE_AHEAD_MS - 2 * MINUTE), false);
    assert.equal(dueBy(row(), RETRY, FIRST_PITCH - CREATE_AHEAD_MS), true);
  });

  it('after a failed try, tries again every interval and at the first pitch; a try from the first pitch on that fails marks it failed', () => {
    const r = row();
    const firstTry = FIRST_PITCH - CREATE_AHEAD_MS;
    tryFailed(r, refusal, firstTry);
    assert.deepEqual([r.problem, r.triedAt?.getTime(), r.failedAt], ['ROSTER_INCOMPLETE: Team 4 cannot field a lineup: no catcher', firstTry, null]);
    assert.equal(nextTryAt(r, RETRY), firstTry + RETRY);
    assert.equal(dueBy(r, RETRY, firstTry + 2 * MINUTE), false, 'not before the interval (give or take the early tolerance)');
    assert.equal(dueBy(r, RETRY, firstTry + RETRY), true);

    // The last interval before the first pitch is cut short: the first pitch's own try.
    const lastBefore = FIRST_PITCH - 2 * MINUTE;
    tryFailed(r, refusal, lastBefore);
    assert.equal(r.failedAt, null, 'before its first pitch it is not failed');
    assert.equal(nextTryAt(r, RETRY), FIRST_PITCH);

    tryFailed(r, refusal, FIRST_PITCH);
    assert.equal((r.failedAt as Date | null)?.getTime(), FIRST_PITCH);
    assert.equal(nextTryAt(r, RETRY), null, 'a failed game waits for the commissioner');
  });

  it('marks failed a game whose first try comes after its first pitch (no server ran) and fails', () => {
    const r = row();
    tryFailed(r, refusal, FIRST_PITCH + 3 * 3600_000);
    assert.equal(r.failedAt?.getTime(), FIRST_PITCH + 3 * 3600_000);
  });
});
