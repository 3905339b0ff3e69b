/**
 * What the bench must undo however it ends (the service processes, the throwaway database, the
 * dedicated broker): run in reverse order at the end, and also on Ctrl-C or SIGTERM.
 */
export class Cleanup {
  private readonly steps: Array<{ name: string; step: () => Promise<unknown> }> = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        this.log(`${signal}: cleaning up`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  add(name: string, step: () => Promise<unknown>): void {
    this.steps.push({ name, step });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { name, step } of this.steps.reverse()) {
        await step().catch((error: Error) => this.log(`${name} failed: ${error.message}`));
      }
    })();
    return this.running;
  }
}
