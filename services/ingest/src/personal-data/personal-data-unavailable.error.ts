/**
 * The contact details of a batch could not be stored, so none of its records may be published
 * (they would leave ingest while the only copy of their contact details is lost). Transient: the
 * raw-topic consumers retry, HTTP answers 503.
 */
export class PersonalDataUnavailableError extends Error {
  readonly transient = true;
}
