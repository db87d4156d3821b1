package org.yimatong.hub.auth;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by the authentication filter. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller: is the endpoint marked @CallerAuthenticated?");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
