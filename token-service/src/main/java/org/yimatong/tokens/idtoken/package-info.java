/**
 * Validation of a subject (ID) token issued by a member's login service: signature against the member's key set
 * (with one caller-limited refresh for an unknown {@code kid}), issuer, audience, times, level of assurance.
 * Routing a token whose issuer is outside this hub's subtree to the parent is the hub's: it implements
 * {@link org.yimatong.tokens.idtoken.SubjectTokenValidator} with this validator and a routed one.
 */
package org.yimatong.tokens.idtoken;
