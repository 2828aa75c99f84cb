import { BALLPARK_STATS, type BallparkStat, type Play, type Side } from './types.ts';

/**
 * Box scores and line scores, derived from the plays alone: the play log is the truth, so a box
 * score can always be rebuilt (and checked) from it. RE24 and WPA live in expectancy.ts.
 */

export interface BattingLine {
  playerId: string;
  pa: number; ab: number; r: number; h: number; double: number; triple: number; hr: number;
  rbi: number; bb: number; so: number; hbp: number; sac: number; sb: number; cs: number; gidp: number;
  /** Ballpark results: home runs, fly outs, singles, line outs (docs/baseball.md "Ballparks"). */
  bphr: number; bpfo: number; bp1b: number; bplo: number;
}

export interface PitchingLine {
  playerId: string;
  /** Outs recorded: innings pitched = outs / 3. */
  outs: number;
  bf: number; h: number; r: number; er: number; bb: number; so: number; hr: number; hbp: number;
  wp: number; balk: number; pitches: number;
  /** Ballpark results allowed. */
  bphr: number; bpfo: number; bp1b: number; bplo: number;
}

export interface TeamBox {
  runs: number;
  hits: number;
  errors: number;
  /** Runners left on base at the end of each half-inning. */
  lob: number;
  batting: BattingLine[];
  pitching: PitchingLine[];
}

export interface BoxScore { away: TeamBox; home: TeamBox }

export interface LineScore {
  /** Runs per inning; null for a half-inning not played (home ahead after the top of the last). */
  away: (number | null)[];
  home: (number | null)[];
  totals: Record<Side, { r: number; h: number; e: number }>;
}

const battingSide = (play: Play): Side => (play.half === 'top' ? 'away' : 'home');
const fieldingSide = (play: Play): Side => (play.half === 'top' ? 'home' : 'away');

function emptyBatting(playerId: string): BattingLine {
  return {
    playerId, pa: 0, ab: 0, r: 0, h: 0, double: 0, triple: 0, hr: 0, rbi: 0, bb: 0, so: 0, hbp: 0, sac: 0, sb: 0, cs: 0, gidp: 0,
    bphr: 0, bpfo: 0, bp1b: 0, bplo: 0,
  };
}

function emptyPitching(playerId: string): PitchingLine {
  return { playerId, outs: 0, bf: 0, h: 0, r: 0, er: 0, bb: 0, so: 0, hr: 0, hbp: 0, wp: 0, balk: 0, pitches: 0, bphr: 0, bpfo: 0, bp1b: 0, bplo: 0 };
}

function emptyTeam(): TeamBox {
  return { runs: 0, hits: 0, errors: 0, lob: 0, batting: [], pitching: [] };
}

export function boxScore(plays: readonly Play[]): BoxScore {
  const box: BoxScore = { away: emptyTeam(), home: emptyTeam() };
  const batters = new Map<string, BattingLine>();
  const pitchers = new Map<string, PitchingLine>();
  const batterLine = (side: Side, id: string) => {
    let line = batters.get(id);
    if (!line) { line = emptyBatting(id); batters.set(id, line); box[side].batting.push(line); }
    return line;
  };
  const pitcherLine = (side: Side, id: string) => {
    let line = pitchers.get(id);
    if (!line) { line = emptyPitching(id); pitchers.set(id, line); box[side].pitching.push(line); }
    return line;
  };
  for (const play of plays) {
    const bat = battingSide(play);
    const field = fieldingSide(play);
    const pitcher = pitcherLine(field, play.pitcherId);
    if (play.kind === 'pa') {
      const b = batterLine(bat, play.batterId);
      b.pa += play.pa; b.ab += play.ab; b.h += play.h; b.double += play.double; b.triple += play.triple;
      b.hr += play.hr; b.rbi += play.rbi; b.bb += play.bb; b.so += play.so; b.hbp += play.hbp;
      b.sac += play.sac; b.gidp += play.gidp;
      addBallpark(b, play);
    } else if (play.runnerId) {
      const runner = batterLine(bat, play.runnerId);
      runner.sb += play.sb;
      runner.cs += play.cs;
    }
    pitcher.outs += play.outs; pitcher.bf += play.pa; pitcher.h += play.h; pitcher.bb += play.bb;
    pitcher.so += play.so; pitcher.hr += play.hr; pitcher.hbp += play.hbp; pitcher.wp += play.wp;
    pitcher.balk += play.balk; pitcher.pitches += play.pitches;
    addBallpark(pitcher, play);
    for (const run of play.scored) {
      batterLine(bat, run.runnerId).r++;
      const charged = pitcherLine(field, run.pitcherId);
      charged.r++;
      if (run.earned) charged.er++;
    }
    box[bat].runs += play.runs;
    box[bat].hits += play.h;
    box[field].errors += play.e;
    if (play.outsBefore + play.outs >= 3) box[bat].lob += bitCount(standing(play));
  }
  return box;
}

/** A play's ballpark results (absent on plays stored before them) added to a line. */
function addBallpark(line: Record<BallparkStat, number>, play: Play): void {
  for (const key of BALLPARK_STATS) line[key] += play[key] ?? 0;
}

/** Bases occupied when the play is over (runners who did not move, and where the others stopped). */
function standing(play: Play): number {
  let code = play.onBaseCode;
  for (const m of play.moves) if (m.from > 0) code &= ~(1 << (m.from - 1));
  for (const m of play.moves) if (m.to >= 1 && m.to <= 3) code |= 1 << (m.to - 1);
  return code;
}

function bitCount(code: number): number {
  return (code & 1) + ((code >> 1) & 1) + ((code >> 2) & 1);
}

export function lineScore(plays: readonly Play[]): LineScore {
  const innings = plays.reduce((max, p) => Math.max(max, p.inning), 0);
  const away: (number | null)[] = new Array(innings).fill(null);
  const home: (number | null)[] = new Array(innings).fill(null);
  const totals = { away: { r: 0, h: 0, e: 0 }, home: { r: 0, h: 0, e: 0 } };
  for (const play of plays) {
    const row = play.half === 'top' ? away : home;
    row[play.inning - 1] = (row[play.inning - 1] ?? 0) + play.runs;
    totals[battingSide(play)].r += play.runs;
    totals[battingSide(play)].h += play.h;
    totals[fieldingSide(play)].e += play.e;
  }
  return { away, home, totals };
}

/** "away  0 1 0 ... - R H E" text, 'x' for a bottom half not played. */
export function formatLineScore(score: LineScore, names: Record<Side, string> = { away: 'Away', home: 'Home' }): string {
  const width = Math.max(names.away.length, names.home.length);
  const row = (side: Side) => {
    const cells = score[side].map((runs) => (runs === null ? 'x' : String(runs)).padStart(2)).join(' ');
    const t = score.totals[side];
    return `${names[side].padEnd(width)} ${cells}  ${String(t.r).padStart(2)} ${String(t.h).padStart(2)} ${String(t.e).padStart(2)}`;
  };
  const header = `${''.padEnd(width)} ${score.away.map((_, i) => String(i + 1).padStart(2)).join(' ')}   R  H  E`;
  return [header, row('away'), row('home')].join('\n');
}

export { RUN_EXPECTANCY, endsGame, halfInningRuns, modelRunExpectancy, re24, runExpectancy, winExpectancy, wpa } from './expectancy.ts';
