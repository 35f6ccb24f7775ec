/** The JSON log lines a spawned bot writes on standard output, parsed, and a way to wait for one. */
import type { ChildProcess } from 'node:child_process';

export type LogLine = { level: number; msg: string; [key: string]: unknown };

export class ProcessLog {
  readonly lines: LogLine[] = [];
  private waiters: (() => void)[] = [];

  constructor(child: ChildProcess) {
    let rest = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{')) this.lines.push(JSON.parse(line));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** The `count`-th line with this message, once the process has written it. */
  async seen(msg: string, count = 1): Promise<LogLine> {
    for (;;) {
      const found = this.lines.filter((l) => l.msg === msg);
      if (found.length >= count) return found[count - 1] as LogLine;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  messages(): string[] {
    return this.lines.map((l) => l.msg);
  }
}
