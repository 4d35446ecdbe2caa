// Processes a voice test starts: each in its own process group, logged to a file, stopped by the test
// (SIGTERM, then SIGKILL after a bounded wait). Nothing here outlives the test that started it.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";

const STOP_GRACE_MS = 3000;

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly log: string;
  readonly exited: Promise<number | null>;
}

export class Processes {
  private readonly running = new Set<Started>();

  start(name: string, command: string, args: string[], log: string): Started {
    const out = fs.openSync(log, "a");
    const child = spawn(command, args, { detached: true, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const started = { name, child, log, exited };
    this.running.add(started);
    void exited.then(() => this.running.delete(started));
    return started;
  }

  /** Runs to completion; killed (and reported as failed) if it outlives `timeoutMs`. */
  async run(name: string, command: string, args: string[], log: string, timeoutMs: number): Promise<number | null> {
    const p = this.start(name, command, args, log);
    const timer = setTimeout(() => void this.stop(p), timeoutMs);
    const code = await p.exited;
    clearTimeout(timer);
    return code;
  }

  async stop(p: Started): Promise<void> {
    if (!this.running.has(p)) return;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-p.child.pid!, s);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const killed = setTimeout(() => signal("SIGKILL"), STOP_GRACE_MS);
    await p.exited;
    clearTimeout(killed);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((p) => this.stop(p)));
  }
}

/** Polls `check` every 100 ms until it is true or `timeoutMs` passes. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const readLog = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
