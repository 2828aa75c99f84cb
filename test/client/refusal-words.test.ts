import assert from 'node:assert/strict';
import { refusalWords } from '../../web/src/lib/codes.ts';

const colon = (meaning: string, message: string) => `${meaning}: ${message}`;

describe('the web client words a refusal once', () => {
  it('shows only the server words when they already say what the code means', () => {
    assert.equal(refusalWords('WRONG_PASSWORD', 'The current password is wrong', colon), 'The current password is wrong');
    assert.equal(refusalWords('PERIOD_FINAL', 'this period is final: its lineups no longer change', colon), 'This period is final: its lineups no longer change');
    assert.equal(refusalWords('ON_WAIVERS', 'That player is on waivers until 2026-12-04T10:00:00.000Z: claim him instead', colon),
      'That player is on waivers until 2026-12-04T10:00:00.000Z: claim him instead');
  });

  it('shows the meaning, then the server reason, when the reason adds to it', () => {
    assert.equal(refusalWords('SCHEDULE_LOCKED', 'week 1 has locked', colon), 'The schedule can no longer be drawn again: week 1 has locked');
    assert.equal(refusalWords('NOT_YOUR_TURN', 'pick 3 belongs to Team 2', (m, s) => `${m} (${s})`), 'It is not your turn (pick 3 belongs to Team 2)');
  });

  it('falls back to the meaning alone, or to the code for a code it does not know', () => {
    assert.equal(refusalWords('ROSTER_FULL', undefined, colon), 'Your roster is full');
    assert.equal(refusalWords('SOMETHING_NEW', 'what the server said', colon), 'SOMETHING_NEW: what the server said');
    assert.equal(refusalWords('NO_RUNNER', 'no runner on first to steal', (m, s) => `${m} (${s})`), 'NO_RUNNER (no runner on first to steal)');
  });
});
