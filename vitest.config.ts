import { defineConfig } from 'vitest/config';

// Two projects: `unit` (npm test) holds unit and end-to-end tests of the product; `quality`
// (npm run eval:check) holds the answer-quality gates and the benchmark's own tests, which measure the
// product rather than test it and take longer.
export default defineConfig({
  test: {
    // Native addons (hnswlib, onnxruntime) are safest in forked processes.
    pool: 'forks',
    // Every core: vitest's default leaves one free, which on a 2-core machine (CI) is a single worker.
    // Measured on an idle 2-core machine: npm test 196 s with one worker, 131 s with two, and the
    // timing-sensitive tests keep their margins (100 concurrent /ask: slowest acknowledgement 1.1 s of 3).
    maxWorkers: '100%',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // The product compiled once for the child processes the end-to-end tests start (see the file).
      // isolate: false: each of the two workers runs its test files one after another in one process,
      // instead of a fresh process per file that imports langchain, discord.js and the core again (about
      // 1 s of CPU per file; the 34 quickest files took 34 s of CPU isolated, 12 s not). Safe because the
      // product keeps no module state but caches (the lexicon, stems), tests mock nothing and change no
      // globals, and every file closes what it opens (checked: no timer, server or socket outlives a file).
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], globalSetup: ['test/helpers/build-entry-points.ts'], isolate: false },
      },
      { extends: true, test: { name: 'quality', include: ['eval/**/*.test.ts', 'bench/**/*.test.ts'] } },
    ],
  },
});
