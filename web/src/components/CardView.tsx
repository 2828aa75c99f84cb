import { useMemo } from 'preact/hooks';
import { buildBatterCard, buildPitcherCard } from '../../../src/baseball/cards.ts';
import type { BaseballRatings } from '../../../src/players/types.ts';
import { TICKS } from '../../../src/baseball/layout.ts';

/** A Strat-style card half: three columns of 2d6 rows (batter 1-3, pitcher 4-6), built by the engine's own code. */
export function CardView(props: { name: string; ratings: BaseballRatings | null; side: 'batter' | 'pitcher' }) {
  const card = useMemo(() => {
    if (!props.ratings) return null;
    if (props.side === 'pitcher') return props.ratings.pitching ? buildPitcherCard(props.ratings.pitching) : null;
    // As games since ballpark results play it (a neutral park: the home edge and park factors are the game's).
    return buildBatterCard(props.ratings.batting, { ballpark: true });
  }, [props.ratings, props.side]);
  const first = props.side === 'batter' ? 1 : 4;
  return (
    <div class="player-card">
      <h4>{props.side === 'batter' ? 'Batter' : 'Pitcher'}: {props.name || '—'}</h4>
      {card && (
        <table class="compact card-cols">
          <thead><tr><th>2d6</th>{card.columns.map((_, i) => <th key={i}>{first + i}</th>)}</tr></thead>
          <tbody>
            {card.columns[0].map((row, r) => (
              <tr key={row.roll}><td>{row.roll}</td>{card.columns.map((col, c) => {
                const cell = col[r];
                return <td key={c}>{cell.split >= TICKS ? cell.a : `${cell.a} 1-${cell.split}/${cell.b}`}</td>;
              })}</tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
