// One flattener for contract classes and request DTOs alike, so that the HTTP API and the Kafka
// consumers name a bad field the same way.
export { flattenValidationErrors } from '@supportlens/contracts';
