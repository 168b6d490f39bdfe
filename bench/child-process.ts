// The benchmark runs every measured step in its own child process, so each peak RSS and each cold
// start belongs to that step alone. A child gets its arguments as one JSON string and answers with one
// JSON line on stdout (its logs go to stderr).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Absolute URL of tsx's loader, so a child can run TypeScript from any working directory. */
export const TSX_LOADER = import.meta.resolve('tsx');

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  seconds: number;
}

export interface SpawnOptions {
  cwd: string;
  /** The child's whole environment: nothing of the benchmark's own environment leaks in. */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

export function runTypeScript(script: string, args: string[], options: SpawnOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', TSX_LOADER, script, ...args], {
      cwd: options.cwd,
      env: options.env ?? {},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      if (signal === 'SIGKILL') stderr += `\n(killed after ${options.timeoutMs} ms)`;
      resolve({ code, stdout, stderr, seconds });
    });
  });
}

/** Run a benchmark child script and return the JSON object it reported; any failure names the step. */
export async function runChildStep<T>(step: string, script: string, input: unknown, options: SpawnOptions): Promise<T> {
  const run = await runTypeScript(script, [JSON.stringify(input)], options);
  const lastLine = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !lastLine.startsWith('{')) {
    throw new Error(`bench step "${step}" failed (exit ${run.code}): ${lastStderrLines(run.stderr)}`);
  }
  return JSON.parse(lastLine) as T;
}

export function lastStderrLines(stderr: string, lines = 5): string {
  return stderr.trim().split('\n').slice(-lines).join(' | ');
}

/** For child scripts: the JSON input from argv, and the one-line JSON answer. */
export function childInput<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('expected the step input as a JSON argument');
  return JSON.parse(raw) as T;
}

export function reportToParent(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMB(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

export interface ChildServer<T> {
  /** The first JSON line the child printed. */
  info: T;
  /** Close its stdin (its signal to stop), wait for it to exit; resolves with its last JSON line, if any. */
  stop(): Promise<unknown>;
}

/**
 * Start a long-running child (a server) that prints one JSON line when ready and stops when its stdin
 * closes. Killed after `timeoutMs` whatever happens, so a bench run always ends.
 */
export function startChildServer<T>(step: string, script: string, options: SpawnOptions): Promise<ChildServer<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', TSX_LOADER, script], {
      cwd: options.cwd,
      env: options.env ?? {},
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ready = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const newline = stdout.indexOf('\n');
      if (ready || newline < 0) return;
      ready = true;
      const info = JSON.parse(stdout.slice(0, newline)) as T;
      resolve({
        info,
        async stop() {
          child.stdin.end();
          await exited;
          clearTimeout(timer);
          const last = stdout.trim().split('\n').pop() ?? '';
          return last.startsWith('{') ? JSON.parse(last) : undefined;
        },
      });
    });
    child.on('error', reject);
    void exited.then(() => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`bench step "${step}" exited before it was ready: ${lastStderrLines(stderr)}`));
    });
  });
}
