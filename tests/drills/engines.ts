import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../..', import.meta.url).pathname;

/** tools/engines/engines.sh with the drill's environment (ENGINES_DIR and ports, when set); never blocks the load. */
async function engines(...args: string[]): Promise<void> {
  try {
    await run('bash', [`${root}tools/engines/engines.sh`, ...args], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`engines.sh ${args.join(' ')} failed (${e.code}): ${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

/** SIGKILLs engines (PostgreSQL: an immediate stop, see engines.sh crash). */
export const crashEngines = (...names: string[]): Promise<void> => engines('crash', ...names);

/** Starts whatever engine is down and waits until each answers. */
export const enginesUp = (): Promise<void> => engines('up');
