package org.yimatong.hub.routes;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

import io.smallrye.mutiny.Uni;

/**
 * A route step that works on an immutable body asynchronously: it starts the step's {@code Uni} and completes the
 * exchange from its callback, so no thread waits (DESIGN.md §12). The body the step answers becomes the next
 * step's; a failure is set on the exchange and kept in the {@link #FAILURE} property, for a step in
 * {@code doFinally} (the audit) to see what went wrong.
 */
public abstract class UniStep<T> extends AsyncProcessorSupport {

    /** The exchange property holding a step's failure (a refusal or a fault), for the steps after it. */
    public static final String FAILURE = "ymt.route.failure";

    private final Class<T> bodyType;

    protected UniStep(Class<T> bodyType) {
        this.bodyType = bodyType;
    }

    /** The step's work on the body; what it answers becomes the body of the next step. */
    protected abstract Uni<T> apply(T body);

    /**
     * What the step is given: the body, and the failure of an earlier step (only a step in {@code doFinally} runs
     * after one). By default {@link #apply(Object)}.
     */
    protected Uni<T> apply(T body, Throwable earlierFailure) {
        return apply(body);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Uni<T> step;
        try {
            step = apply(exchange.getMessage().getBody(bodyType), exchange.getProperty(FAILURE, Throwable.class));
        } catch (RuntimeException e) {
            step = Uni.createFrom().failure(e);
        }
        step.subscribe().with(
                next -> {
                    exchange.getMessage().setBody(next);
                    callback.done(false);
                },
                failure -> {
                    if (exchange.getProperty(FAILURE) == null) {
                        exchange.setProperty(FAILURE, failure);
                    }
                    exchange.setException(failure);
                    callback.done(false);
                });
        return false;
    }
}
