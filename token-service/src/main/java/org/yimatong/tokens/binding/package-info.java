/**
 * Operator bindings for legal-person matters (REQ-LOA-3): the lookup the hub backs with its admin API and
 * database, and the unified social credit code (GB 32100-2015) rules. Whether a token carries {@code org} is
 * decided in {@code exchange}.
 */
package org.yimatong.tokens.binding;
