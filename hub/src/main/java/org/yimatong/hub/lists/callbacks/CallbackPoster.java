package org.yimatong.hub.lists.callbacks;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.ListChangeNotification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * Posts one notification with the Vert.x web client and completes the exchange on its callback, so a slow
 * member holds no thread. Anything but a 2xx fails the exchange, for the route to redeliver. The body is signed by
 * the hub ({@value #SIGNATURE_HEADER}: a detached JWS of type {@value #SIGNATURE_TYPE} over the exact bytes), so a
 * member can tell the hub's notification from anyone else's before it pulls the feed.
 */
@ApplicationScoped
public class CallbackPoster extends AsyncProcessorSupport {

    public static final String SIGNATURE_HEADER = "Ymt-Signature";
    public static final String SIGNATURE_TYPE = "ymt-list-change+json";

    private final WebClient client;
    private final HubKeyRing hubKeys;
    private final ObjectMapper mapper;
    private final long timeoutMillis;

    public CallbackPoster(WebClient client, ObjectMapper mapper, ListsConfig config, HubKeyRing hubKeys) {
        this.client = client;
        this.hubKeys = hubKeys;
        this.mapper = mapper;
        this.timeoutMillis = config.callbacks().timeout().toMillis();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String url = exchange.getIn().getHeader(CallbackRoutes.URL_HEADER, String.class);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(exchange.getIn().getBody(ListChangeNotification.class));
        } catch (JsonProcessingException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        // the answer's body means nothing here: it is read and dropped, never kept
        client.postAbs(url).as(BodyCodec.none()).timeout(timeoutMillis).putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE_HEADER, JwsSigner.signDetached(hubKeys.signingKey(), SIGNATURE_TYPE, body))
                .sendBuffer(Buffer.buffer(body))
                // timeout() is between two reads: the whole answer has the same time again, then it is redelivered
                .ifNoItem().after(Duration.ofMillis(2 * timeoutMillis)).fail()
                .subscribe().with(response -> {
                    if (response.statusCode() / 100 != 2) {
                        exchange.setException(new CallbackRefusedException(url, response.statusCode()));
                    }
                    callback.done(false);
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
