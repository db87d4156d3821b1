/**
 * Authenticating callers: members by mutual TLS or {@code private_key_jwt} client assertions, and the parent
 * hub. Operator authentication is in {@code admin}.
 */
package org.yimatong.hub.auth;
