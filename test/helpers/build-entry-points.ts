// Vitest global setup for the unit project: the product (src/ and ingest/) compiled once to plain
// JavaScript, so the end-to-end tests start their child processes (npm run ask, ingest, npm start, the
// shards, the ingest child those start) as `node dist/...` does in production, instead of paying tsx's
// loader for every module of every child: about 0.8 s of CPU per child, some 70 children per run.
// esbuild is what tsx itself transforms each file with (same version, same options: the running Node
// as target, names kept), here ahead of time; no type checking (tsc --noEmit does that), no bundling,
// so each module stays the file it is. About a second.
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the compiled product is: <dir>/src/cli/ask.js and so on, as `npm run build` lays out dist/. */
    builtDir: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Every .ts file under `dir` (walked by hand: Dirent.parentPath is newer than Node 20.11, which is supported). */
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Compiles src/ and ingest/ into a fresh temporary directory and provides its path as `builtDir`. */
export default async function setup(project: TestProject): Promise<() => void> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'test-build-'));
  await build({
    entryPoints: [...typeScriptFiles(path.join(repoRoot, 'src')), ...typeScriptFiles(path.join(repoRoot, 'ingest'))],
    outdir,
    outbase: repoRoot,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    keepNames: true,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // As in dist/: ES modules, the packages of the repository, and the shipped data files beside src/.
  writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
  symlinkSync(path.join(repoRoot, 'data'), path.join(outdir, 'data'), 'dir');
  project.provide('builtDir', outdir);
  return () => rmSync(outdir, { recursive: true, force: true });
}
