package org.yimatong.hub.lists.callbacks;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.jboss.logging.Logger;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.outbound.VertxMemberHttp;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.ListChangeNotification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts one notification through the hub's one outbound client and completes the exchange on its callback, so a slow
 * member holds no thread. Anything but a 2xx fails the exchange, for the route to redeliver. The body is signed by
 * the hub ({@value #SIGNATURE_HEADER}: a detached JWS of type {@value #SIGNATURE_TYPE} over the exact bytes), so a
 * member can tell the hub's notification from anyone else's before it pulls the feed.
 */
@ApplicationScoped
public class CallbackPoster extends AsyncProcessorSupport {

    private static final Logger LOG = Logger.getLogger(CallbackPoster.class);
    public static final String SIGNATURE_HEADER = "Ymt-Signature";
    public static final String SIGNATURE_TYPE = "ymt-list-change+json";

    private final VertxMemberHttp http;
    private final HubKeyRing hubKeys;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final CallbackNotifier notifier;

    public CallbackPoster(VertxMemberHttp http, ObjectMapper mapper, ListsConfig config, HubKeyRing hubKeys,
            CallbackNotifier notifier) {
        this.notifier = notifier;
        this.http = http;
        this.hubKeys = hubKeys;
        this.mapper = mapper;
        // the whole exchange, answer included, within twice the callback timeout; then it is redelivered
        this.timeout = config.callbacks().timeout().multipliedBy(2);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String url = exchange.getIn().getHeader(CallbackRoutes.URL_HEADER, String.class);
        ListChangeNotification notification = exchange.getIn().getBody(ListChangeNotification.class);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(notification);
        } catch (JsonProcessingException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        // the answer's body means nothing here: it is dropped, never kept
        http.exchange(HttpCall.post(URI.create(url), "application/json", body)
                .header(SIGNATURE_HEADER, JwsSigner.signDetached(hubKeys.signingKey(), SIGNATURE_TYPE, body))
                .timeout(timeout))
                .subscribe().with(response -> {
                    if (response.status() / 100 != 2) {
                        exchange.setException(new CallbackRefusedException(url, response.status()));
                        callback.done(false);
                        return;
                    }
                    // no longer owed; should this record fail, the sweep sends it once more, which is harmless
                    notifier.delivered(notification.subscriptionId(), notification.latestSeq()).subscribe().with(
                            ok -> callback.done(false), failure -> {
                                LOG.warnf("Delivered notification of %s not recorded: %s",
                                        notification.subscriptionId(), failure.toString());
                                callback.done(false);
                            });
                }, failure -> {
                    exchange.setException(failure);
                    callback.done(false);
                });
        return false;
    }

    /** The member answered, but not with a 2xx. */
    static final class CallbackRefusedException extends RuntimeException {
        CallbackRefusedException(String url, int status) {
            super("callback " + url + " answered HTTP " + status, null, false, false);
        }
    }
}
