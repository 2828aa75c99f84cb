import type { Play, Side } from '../baseball/types.ts';

/**
 * The pitchers' decisions of a final game, from its plays alone (pure). The official scoring
 * rules (MLB 9.17-9.19) with the judgement calls made objective:
 *
 * - Win: the winning team's pitcher of record when it took the lead for good (the last of its
 *   pitchers to have pitched by then; its starter if none had). A starter credited so must have
 *   recorded 15 outs (five innings); otherwise the win goes to the winning team's reliever with the
 *   most outs (the first of them on a tie): "the most effective reliever" made countable.
 * - Loss: the pitcher charged with the go-ahead run (the run that gave the winners that lead).
 * - Save: the winning team's last pitcher, when he is not the winning pitcher, entered after his
 *   team took the lead for good (so he never gave it up) and either entered leading by at most 3
 *   and recorded 3+ outs, or entered with the tying run on base, at bat or on deck, or recorded 9+
 *   outs.
 */
export interface Decisions {
  win: string | null;
  loss: string | null;
  save: string | null;
}

/** Outs a starting pitcher must record to be credited with the win: five innings. */
const STARTER_WIN_OUTS = 15;
/** Save rule (a): the largest lead entered with, and the outs (one inning) then recorded. */
const SAVE_MAX_LEAD = 3;
const SAVE_MIN_OUTS = 3;
/** Save rule (c): three innings pitched, whatever the lead. */
const LONG_SAVE_OUTS = 9;
/** Save rule (b): the tying run is on base, at bat or on deck when lead <= runners + this. */
const TYING_RUN_REACH = 2;

const battingSide = (play: Play): Side => (play.half === 'top' ? 'away' : 'home');
const fieldingSide = (play: Play): Side => (play.half === 'top' ? 'home' : 'away');
const otherSide = (side: Side): Side => (side === 'home' ? 'away' : 'home');

/** A pitcher of one side: his first play (index in the plays) and outs recorded. */
interface Outing { pitcherId: string; first: number; outs: number }

export function pitchingDecisions(plays: readonly Play[]): Decisions {
  const score: Record<Side, number> = { away: 0, home: 0 };
  /** The score before each play. */
  const before: Array<Record<Side, number>> = [];
  for (const play of plays) {
    before.push({ ...score });
    score[battingSide(play)] += play.scored.length;
  }
  if (score.away === score.home) return { win: null, loss: null, save: null };
  const winner: Side = score.home > score.away ? 'home' : 'away';
  const loser = otherSide(winner);
  const goAhead = goAheadRun(plays, winner);
  const outings = outingsOf(plays, winner);
  if (!goAhead || outings.length === 0) return { win: null, loss: null, save: null };

  const win = winningPitcher(outings, goAhead.index);
  const closer = outings.reduce((last, o) => (o.first > last.first ? o : last));
  let save: string | null = null;
  if (closer.pitcherId !== win && closer.first > goAhead.index) {
    const entry = plays[closer.first];
    const lead = before[closer.first][winner] - before[closer.first][loser];
    const runners = bitCount(entry.onBaseCode);
    const qualifies = (lead <= SAVE_MAX_LEAD && closer.outs >= SAVE_MIN_OUTS)
      || lead <= runners + TYING_RUN_REACH || closer.outs >= LONG_SAVE_OUTS;
    if (lead > 0 && qualifies) save = closer.pitcherId;
  }
  return { win, loss: goAhead.pitcherId, save };
}

/** The play in which the winners went ahead for good, and the pitcher charged with that run. */
function goAheadRun(plays: readonly Play[], winner: Side): { index: number; pitcherId: string } | null {
  const loser = otherSide(winner);
  const score: Record<Side, number> = { away: 0, home: 0 };
  let found: { index: number; pitcherId: string } | null = null;
  plays.forEach((play, index) => {
    const bat = battingSide(play);
    for (const run of play.scored) {
      const wasAhead = score[winner] > score[loser];
      score[bat]++;
      if (bat === winner && !wasAhead && score[winner] > score[loser]) found = { index, pitcherId: run.pitcherId };
    }
  });
  return found;
}

/** The side's pitchers in the order they pitched, with their first play and outs. */
function outingsOf(plays: readonly Play[], side: Side): Outing[] {
  const outings = new Map<string, Outing>();
  plays.forEach((play, index) => {
    if (fieldingSide(play) !== side) return;
    const outing = outings.get(play.pitcherId) ?? { pitcherId: play.pitcherId, first: index, outs: 0 };
    outing.outs += play.outs;
    outings.set(play.pitcherId, outing);
  });
  return [...outings.values()].sort((a, b) => a.first - b.first);
}

function winningPitcher(outings: readonly Outing[], goAheadIndex: number): string {
  const [starter, ...relievers] = outings;
  // Runs score only for the batting side, so the winners' pitcher of record is whoever pitched last before.
  const ofRecord = outings.filter((o) => o.first < goAheadIndex).at(-1) ?? starter;
  if (ofRecord !== starter || starter.outs >= STARTER_WIN_OUTS || relievers.length === 0) return ofRecord.pitcherId;
  return relievers.reduce((best, o) => (o.outs > best.outs ? o : best)).pitcherId;
}

function bitCount(code: number): number {
  return (code & 1) + ((code >> 1) & 1) + ((code >> 2) & 1);
}
