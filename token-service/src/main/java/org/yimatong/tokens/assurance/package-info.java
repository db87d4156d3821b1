/**
 * Levels of assurance (DESIGN.md §8, REQ-LOA-1..2): the minimum each audience requires, the RFC 9470 refusal when
 * an authentication is below it, and the rule that no exchange raises a level. Operator bindings for
 * legal-person matters are in {@code binding}, not here.
 */
package org.yimatong.tokens.assurance;
