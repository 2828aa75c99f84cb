/**
 * The draft load test as it was: `npm run loadtest:draft -- --drafts N [draft options]`, now
 * `npm run load -- --kind draft --rooms N --generators 1` (see loadtest/load.ts for every option
 * and loadtest/kinds/draft.ts for what the bots do).
 */
import { main } from './lib/load-cli.ts';

main({ tool: 'loadtest:draft', kind: 'draft', roomsOption: 'drafts', rooms: 10, generators: 1 });
