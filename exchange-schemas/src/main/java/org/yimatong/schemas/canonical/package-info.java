/**
 * JSON as signed bytes: RFC 8785 canonical form ({@link org.yimatong.schemas.canonical.CanonicalJson}) and one
 * strict parser for everything that is about to be checked against a signature
 * ({@link org.yimatong.schemas.canonical.StrictJson}).
 */
package org.yimatong.schemas.canonical;
