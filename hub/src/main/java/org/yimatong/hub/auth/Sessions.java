package org.yimatong.hub.auth;

import javax.net.ssl.SSLSession;

/**
 * Sessions for callers (REQ-AUTH-2): a member trades one client assertion for a short hub access token and then
 * sends {@code Authorization: Bearer} on every call, so the hub checks a signature once per token, not per
 * request. Declared here, implemented where tokens are made ({@code tokens}).
 */
public interface Sessions {

    /**
     * The entity id of the member a session token was issued to.
     *
     * @param tls the request's TLS session, for a token bound to a client certificate ({@code cnf})
     * @throws org.yimatong.schemas.problem.ProblemException {@code unauthenticated} (401) for a token that
     *     is not a valid, unexpired, unrevoked session of this hub, or not presented with its certificate
     */
    String memberOf(String token, SSLSession tls);
}
