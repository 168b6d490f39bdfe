// The LangChain rows' "ask" command for the cold-start figure: a fresh process loads the saved HNSWLib
// store (with --hybrid, also builds BM25 over its chunks and fuses the two), searches once, prints the
// passages, exits. Usage: baseline-ask.ts [--hybrid] <store dir> <question>
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { baselineAnswer, loadBaselineStore } from './baseline-pipeline.js';
import { loadHybridPipeline } from './hybrid-pipeline.js';

const args = process.argv.slice(2);
const hybrid = args[0] === '--hybrid';
const [dir, ...words] = hybrid ? args.slice(1) : args;
if (!dir || words.length === 0) {
  process.stderr.write('usage: baseline-ask.ts [--hybrid] <store dir> <question>\n');
  process.exitCode = 2;
} else {
  const embeddings = new LocalEmbeddings();
  const question = words.join(' ');
  const found = hybrid ? await (await loadHybridPipeline(dir, embeddings)).answer(question) : await baselineAnswer(await loadBaselineStore(dir, embeddings), question);
  for (const [i, doc] of found.entries()) {
    process.stdout.write(`${i + 1}. [${String(doc.metadata.source)}] ${doc.pageContent.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  }
}
