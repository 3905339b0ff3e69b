/** Injection token of the service's single kafkajs `Kafka` client. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
