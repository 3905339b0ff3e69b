import './register-path-aliases';
import { TEST_STACK } from './test-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = TEST_STACK.get();
  if (!stack) return;
  TEST_STACK.set(undefined);
  await stack.database.drop();
  await stack.kafka.stop();
}
