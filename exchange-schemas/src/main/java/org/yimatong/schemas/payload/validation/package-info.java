/**
 * Field validation of request payloads: every request record implements {@link Validatable} and reports all its
 * field errors at once as JSON Pointers; {@link Validation#requireValid} turns them into one
 * {@code validation-failed} problem. The patterns here are the ones the JSON Schemas under {@code schemas/} use.
 */
package org.yimatong.schemas.payload.validation;
