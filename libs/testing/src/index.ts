export * from './database';
export * from './kafka/kafka-broker';
export * from './kafka/topic-reader';
export * from './kafka/raw-producer';
export * from './builders/case-builder';
export * from './builders/survey-builder';
export * from './waiting/wait-for';
export * from './apps/start-service';
