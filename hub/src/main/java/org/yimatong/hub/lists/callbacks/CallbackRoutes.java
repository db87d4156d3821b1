package org.yimatong.hub.lists.callbacks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.yimatong.hub.lists.ListsConfig;

/**
 * Member callbacks: one POST of a {@code ListChangeNotification} to the subscription's URL, redelivered with
 * exponential back-off (asynchronously: no thread waits out a delay) until a 2xx or the attempts run out.
 */
@ApplicationScoped
public class CallbackRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:list-callback";
    public static final String URL_HEADER = "ymtCallbackUrl";
    public static final String SUBSCRIPTION_HEADER = "ymtSubscriptionId";

    @Inject
    ListsConfig config;

    @Inject
    CallbackPoster poster;

    @Override
    public void configure() {
        ListsConfig.Callbacks callbacks = config.callbacks();
        onException(Exception.class)
                .maximumRedeliveries(callbacks.maxRedeliveries())
                .redeliveryDelay(callbacks.redeliveryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(callbacks.backOffMultiplier())
                .maximumRedeliveryDelay(callbacks.maxRedeliveryDelay().toMillis())
                .asyncDelayedRedelivery()
                .retryAttemptedLogLevel(LoggingLevel.INFO)
                .handled(true)
                .log(LoggingLevel.WARN, "Callback of subscription ${header." + SUBSCRIPTION_HEADER
                        + "} given up: ${exception.message}");

        from("{{ymt.lists.callbacks.endpoint:" + ENDPOINT + "}}")
                .routeId("list-callback")
                .process(poster);
    }
}
