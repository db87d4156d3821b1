/**
 * A department's service behind the hub's single sign-on: SmallRye JWT checks a hub access token (signature by the
 * hub's key set, issuer, audience, expiry); {@link org.yimatong.department.RequiredLevel} checks its level of
 * assurance against the service's and answers the RFC 9470 challenge when it is lower. No personal data lives here.
 */
package org.yimatong.department;
