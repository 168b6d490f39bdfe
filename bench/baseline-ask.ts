// The baseline's "ask" command for the cold-start figure: a fresh process loads the saved HNSWLib
// store, searches once, prints the passages, exits. Usage: baseline-ask.ts <store dir> <question>
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { baselineAnswer, loadBaselineStore } from './baseline-pipeline.js';

const [dir, ...words] = process.argv.slice(2);
if (!dir || words.length === 0) {
  process.stderr.write('usage: baseline-ask.ts <store dir> <question>\n');
  process.exitCode = 2;
} else {
  const store = await loadBaselineStore(dir, new LocalEmbeddings());
  const found = await baselineAnswer(store, words.join(' '));
  for (const [i, doc] of found.entries()) {
    process.stdout.write(`${i + 1}. [${String(doc.metadata.source)}] ${doc.pageContent.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  }
}
