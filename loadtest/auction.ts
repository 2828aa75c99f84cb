/**
 * The auction load test as it was: `npm run loadtest:auction -- --auctions M [auction options]`,
 * now `npm run load -- --kind auction --rooms M --generators 1` (see loadtest/load.ts for every
 * option, loadtest/kinds/auction.ts for the bidders and kinds/auction-verify.ts for the check).
 */
import { main } from './lib/load-cli.ts';

main({ tool: 'loadtest:auction', kind: 'auction', roomsOption: 'auctions', rooms: 10, generators: 1 });
