import { Admin, Kafka, logLevel } from 'kafkajs';

/**
 * Runs `work` with a connected kafkajs admin on `brokers` (comma-separated) and disconnects it
 * afterwards, whether `work` succeeded or not, so that a failed look at the broker does not leave a
 * connection that keeps a test run or a script alive.
 */
export async function withKafkaAdmin<T>(
  brokers: string,
  clientId: string,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
