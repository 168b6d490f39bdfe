// `npm run bench [-- --json] [--smoke] [--keep <dir> [--reuse]] [--profile] [--only article|library]`:
// the project's pipeline against plain LangChain and a LangChain hybrid (and on Postgres, and sharded),
// on the bundled article and a ~10 MB library.
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../src/cli/run-command.js';
import { formatTable, reportProblems } from './report.js';
import { runBench } from './run-bench.js';

const USAGE = 'npm run bench -- [--json] [--smoke] [--keep <dir> [--reuse]] [--profile] [--only article|library]';

await runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        keep: { type: 'string' },
        reuse: { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(
      `${USAGE}\n  --json     print one JSON object instead of the table\n  --smoke    tiny corpus and few questions (seconds; for CI)\n  --keep     build the corpus and indexes in <dir> and keep them\n  --reuse    with --keep: reuse indexes an earlier run built there from the same corpus (and its ingest figures)\n  --profile  run every step with node --cpu-prof (profiles in <dir>/profiles)\n  --only     run one dataset\n`,
    );
    return 0;
  }
  if (v.reuse && !v.keep) throw new UsageError(`--reuse needs --keep <dir>\n${USAGE}`);
  if (v.only !== undefined && v.only !== 'article' && v.only !== 'library') throw new UsageError(`--only takes article or library\n${USAGE}`);
  const report = await runBench({
    smoke: v.smoke,
    ...(v.keep ? { workDir: v.keep } : {}),
    reuse: v.reuse,
    profile: v.profile,
    ...(v.only ? { datasets: [v.only] } : {}),
    onStep: (message) => process.stderr.write(`bench: ${message}\n`),
  });
  process.stdout.write(v.json ? `${JSON.stringify(report)}\n` : `${formatTable(report)}\n`);
  const problems = reportProblems(report);
  for (const problem of problems) process.stderr.write(`bench: missing figure: ${problem}\n`);
  return problems.length === 0 ? 0 : 1;
});
