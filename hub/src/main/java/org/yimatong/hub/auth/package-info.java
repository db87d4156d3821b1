/**
 * Who calls, by Quarkus Security: one mechanism takes the credentials a request offers (the operators' bearer
 * token, a member's client certificate or {@code private_key_jwt} client assertion, the parent hub's assertion),
 * one identity provider checks them and gives {@link org.yimatong.hub.auth.Roles}, and resources say who may call
 * them with {@code @RolesAllowed}. The operators' token itself is kept in {@code admin}.
 */
package org.yimatong.hub.auth;
