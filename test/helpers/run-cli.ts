import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The node arguments that start one of the project's entry points (`src/cli/ask.ts`, `ingest/cli.ts`, ...).
 * In the unit project, the product's (src/, ingest/) compiled form from its global setup
 * (test/helpers/build-entry-points.ts), as `npm run start:prod` runs dist/. With `tsx: true`, for
 * scripts outside the product (eval/cli.ts), and in the quality project (no build): the TypeScript itself
 * through tsx, as `npm run` does in development. The same program either way; only start-up cost differs.
 */
export function entryPointArgs(script: string, options: { tsx?: boolean } = {}): string[] {
  const builtDir = inject('builtDir');
  if (options.tsx || !builtDir || !/^(src|ingest)\//.test(script)) return ['--import', 'tsx', script];
  return [path.join(builtDir, script.replace(/\.ts$/, '.js'))];
}

/**
 * Run one of the project's entry points with a controlled environment: only what the test passes plus
 * PATH/HOME, so a developer's own settings cannot leak in. Compiled unless `tsx` is set (see entryPointArgs).
 */
export function runCli(script: string, args: string[], env: Record<string, string>, options: { input?: string; timeoutMs?: number; cwd?: string; tsx?: boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryPointArgs(script, options), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
