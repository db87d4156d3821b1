package org.yimatong.hub.routes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

import io.smallrye.mutiny.Uni;

/**
 * How a resource hands a request to its route: on the calling thread (the event loop), through the route's
 * asynchronous producer, so nothing waits; the answer is the route's last body, or the route's failure as is.
 * Blocking work (a batch ingest) is handed over from a worker thread with {@link #requestBlocking}.
 */
@ApplicationScoped
public class RouteCalls {

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final ConcurrentMap<String, AsyncProducer> producers = new ConcurrentHashMap<>();

    public RouteCalls(CamelContext camel, ProducerTemplate template) {
        this.camel = camel;
        this.template = template;
    }

    /**
     * For a caller on a worker thread, with blocking work to hand over (a batch ingest): the route's answer as
     * {@code answerType}, or the route's failure as is.
     */
    public <T> T requestBlocking(String routeUri, Object body, Class<T> answerType) {
        try {
            return template.requestBody(routeUri, body, answerType);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    public <T> Uni<T> request(String routeUri, T body, Class<T> bodyType) {
        AsyncProducer route;
        try {
            route = producers.computeIfAbsent(routeUri, this::started);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Exchange exchange = route.getEndpoint().createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(body);
        return Uni.createFrom().completionStage(() -> route.processAsync(exchange)).map(done -> {
            Exception failure = done.getException();
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return done.getMessage().getBody(bodyType);
        });
    }

    private AsyncProducer started(String routeUri) {
        try {
            AsyncProducer producer = camel.getEndpoint(routeUri).createAsyncProducer();
            producer.start();
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("no route at " + routeUri, e);
        }
    }
}
