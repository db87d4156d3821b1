/**
 * Hub key rotation (REQ-KEY-1) as pure functions of the key list and an instant: which key signs, which keys
 * {@code /v1/jwks} publishes, when an old key may be dropped, and what a rotation does to the list. Storing keys
 * and running rotations on a schedule are the hub's.
 */
package org.yimatong.tokens.rotation;
