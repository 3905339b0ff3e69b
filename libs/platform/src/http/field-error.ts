/** One failed constraint on one field, e.g. { field: 'items[0].customer.email', message: 'email must be an email' }. */
export interface FieldError {
  field: string;
  message: string;
}
