import { TestDatabase } from '@supportlens/testing';

interface TestStack {
  kafka: { brokers: string; stop(): Promise<void> };
  database: TestDatabase;
}

/** Jest runs global setup and teardown in the same process: the stack is handed over on globalThis. */
const KEY = Symbol.for('supportlens.test-stack');

export const TEST_STACK = {
  get: (): TestStack | undefined => (globalThis as Record<symbol, TestStack | undefined>)[KEY],
  set: (stack: TestStack | undefined): void => {
    (globalThis as Record<symbol, TestStack | undefined>)[KEY] = stack;
  },
};
