package org.yimatong.hub.verification;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

import io.smallrye.mutiny.Uni;

/**
 * A route step that works on the {@link Verification} body asynchronously: it starts the step's {@code Uni} and
 * completes the exchange from its callback, so no thread waits (DESIGN.md §12). The verification the step answers
 * becomes the body; a failure is set on the exchange and kept in the {@link #FAILURE} property for the audit step.
 */
abstract class UniStep extends AsyncProcessorSupport {

    /** The exchange property holding a step's failure (a refusal or a fault), for the audit step. */
    static final String FAILURE = "ymt.verification.failure";

    abstract Uni<Verification> apply(Verification verification);

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Uni<Verification> step;
        try {
            step = apply(exchange.getMessage().getBody(Verification.class));
        } catch (RuntimeException e) {
            step = Uni.createFrom().failure(e);
        }
        step.subscribe().with(
                next -> {
                    exchange.getMessage().setBody(next);
                    callback.done(false);
                },
                failure -> {
                    exchange.setProperty(FAILURE, failure);
                    exchange.setException(failure);
                    callback.done(false);
                });
        return false;
    }
}
