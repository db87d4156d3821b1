/**
 * The error contract of v1 (RFC 9457): problem types with their stable slugs, and the exception that carries one.
 * Mapping to HTTP lives in the hub, not here.
 */
package org.yimatong.schemas.problem;
