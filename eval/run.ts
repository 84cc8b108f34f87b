/** `npm run eval -- <name>`: each evaluation prints a table and, last, one JSON line of figures. */
import { runDedupeEval } from './dedupe.ts';
import { runForecastEval } from './forecast.ts';
import { runRoutingEval } from './routing.ts';
import { runScoringEval } from './scoring.ts';

const evals: Record<string, () => Promise<void>> = {
  dedupe: runDedupeEval,
  forecast: runForecastEval,
  routing: runRoutingEval,
  scoring: runScoringEval,
};

const name = process.argv[2];
const run = name ? evals[name] : undefined;
if (!run) {
  console.error(`usage: npm run eval -- <${Object.keys(evals).join('|')}>`);
  process.exit(2);
}
await run();
