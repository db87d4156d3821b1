/**
 * Java records of every JSON payload of the v1 contract, one per JSON Schema under {@code schemas/} (a contract
 * test serialises each and validates it against its schema). Field names are camelCase as in DESIGN.md §6, except
 * where an RFC spells them (token exchange, introspection, JWK). List entries live in
 * {@code org.yimatong.schemas.batch}, not here. No record has a field for a plaintext ID number or a name of a
 * person.
 */
package org.yimatong.schemas.payload;
