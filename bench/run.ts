/** `npm run bench -- <name>`: each benchmark prints a table and, last, one JSON line of figures. */
import { runBatchBench } from './batch.ts';
import { runDeadlinesBench } from './deadlines.ts';
import { runDedupeBench } from './dedupe.ts';
import { runImportBench } from './import.ts';
import { runIntakeBench } from './intake.ts';
import { runRoutingBench } from './routing.ts';
import { runRoutingSseBench } from './routing-sse.ts';
import { runScoringBench } from './scoring.ts';
import { runScoringModelBench } from './scoring-model.ts';

const benches: Record<string, () => Promise<void>> = {
  intake: runIntakeBench,
  batch: runBatchBench,
  dedupe: runDedupeBench,
  import: runImportBench,
  scoring: runScoringBench,
  'scoring-model': runScoringModelBench,
  routing: runRoutingBench,
  'routing-sse': runRoutingSseBench,
  deadlines: runDeadlinesBench,
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
