package org.yimatong.hub.auth;

import javax.net.ssl.SSLSession;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * What a request offers to prove who sends it: an {@code Authorization} header (the operators' bearer token), a
 * client assertion ({@code Ymt-Client-Assertion}, RFC 7523) and the TLS session with its client certificate.
 */
public final class CallerCredentials extends BaseAuthenticationRequest {

    private final String authorization;
    private final String assertion;
    private final SSLSession tls;

    public CallerCredentials(String authorization, String assertion, SSLSession tls) {
        this.authorization = authorization;
        this.assertion = assertion;
        this.tls = tls;
    }

    public String authorization() {
        return authorization;
    }

    public String assertion() {
        return assertion;
    }

    public SSLSession tls() {
        return tls;
    }
}
