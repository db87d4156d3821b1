/**
 * Pairwise subject identifiers: the {@code sub} of a hub token, different for the same person at different
 * audiences and stable at one (REQ-TOK-1..3). Key management of the hub secret is the hub's.
 */
package org.yimatong.tokens.pairwise;
