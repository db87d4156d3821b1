package org.yimatong.hub.verification;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

import io.smallrye.mutiny.Uni;

/**
 * A route step that works on the {@link Verification} body asynchronously: it starts the step's {@code Uni} and
 * completes the exchange from its callback, so no thread waits (DESIGN.md §12). A failure is set on the exchange
 * and kept in the verification for the audit step.
 */
abstract class UniStep extends AsyncProcessorSupport {

    abstract Uni<Void> apply(Verification verification);

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Verification verification = exchange.getMessage().getBody(Verification.class);
        Uni<Void> step;
        try {
            step = apply(verification);
        } catch (RuntimeException e) {
            step = Uni.createFrom().failure(e);
        }
        step.subscribe().with(
                done -> callback.done(false),
                failure -> {
                    verification.failure = failure;
                    exchange.setException(failure);
                    callback.done(false);
                });
        return false;
    }
}
