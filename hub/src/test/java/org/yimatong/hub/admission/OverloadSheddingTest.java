package org.yimatong.hub.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * Past the cap on requests in flight (one here) a request is answered 503 problem+json with Retry-After
 * at once, without reaching any handler, while the admitted one finishes; once it has, requests are admitted again.
 */
class OverloadSheddingTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private Vertx vertx;
    private HttpServer server;
    private int handled;

    @BeforeEach
    void aServerThatHoldsItsFirstRequest() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new OverloadShedding(1, mapper).install(router);
        router.route("/v1/slow").blockingHandler(context -> {
            handled++;
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            context.response().end("done");
        });
        router.route("/q/health").handler(context -> context.response().end("UP"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void beyondTheLimitRequestsAreShedWithAProblemAndAdmittedAgainLater() throws Exception {
        CompletableFuture<HttpResponse<String>> admitted = send("/v1/slow");
        while (handled == 0) {
            Thread.sleep(10); // until the first request holds the only place
        }

        HttpResponse<String> shed = send("/v1/slow").get(10, TimeUnit.SECONDS);
        HttpResponse<String> health = send("/q/health").get(10, TimeUnit.SECONDS);

        assertEquals(503, shed.statusCode());
        assertEquals("application/problem+json", shed.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("2", shed.headers().firstValue("Retry-After").orElseThrow());
        JsonNode problem = mapper.readTree(shed.body());
        assertEquals("https://yimatong.org/problems/overloaded", problem.path("type").asText());
        assertEquals(1, handled);
        assertEquals(200, health.statusCode());

        release.countDown();
        assertEquals(200, admitted.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, send("/v1/slow").get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(2, handled);
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
