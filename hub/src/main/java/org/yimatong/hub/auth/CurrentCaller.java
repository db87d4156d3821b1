package org.yimatong.hub.auth;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated member or parent hub of the current request, from its security identity. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Caller caller = identity.getAttribute(CallerIdentityProvider.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("No member or parent hub: is the endpoint @RolesAllowed for callers?");
        }
        return caller;
    }
}
