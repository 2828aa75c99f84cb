/**
 * The baseball load test as it was: `npm run loadtest:baseball -- --games N [baseball options]`,
 * now `npm run load -- --kind baseball --rooms N --generators 1` (see loadtest/load.ts for every
 * option and loadtest/kinds/baseball.ts for the games and spectators).
 */
import { main } from './lib/load-cli.ts';

main({ tool: 'loadtest:baseball', kind: 'baseball', roomsOption: 'games', rooms: 20, generators: 1 });
