package org.yimatong.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The simulator's small HTTP layer over the JDK server: a route table, the member-API faults (latency, error rate)
 * applied before a member-API handler runs, and one place that turns every {@link ProblemException} into RFC 9457
 * {@code application/problem+json} (anything else is a plain 500 {@code internal}, never a class name or trace).
 */
final class Http {

    static final ObjectMapper JSON = PayloadJson.mapper();
    static final String JSON_TYPE = "application/json";
    static final String PROBLEM_TYPE = "application/problem+json";
    static final int MAX_BODY = 64 * 1024;

    private Http() {
    }

    /** A request as handlers see it: the exchange, the path match, and the body (read at most 64 KiB). */
    record Request(HttpExchange exchange, Matcher path, byte[] body) {

        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        /** The body as a JSON tree, strictly (duplicate members refused); requires a JSON content type. */
        JsonNode json() {
            requireContentType(JSON_TYPE);
            try {
                return StrictJson.read(body);
            } catch (IOException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON");
            }
        }

        /** The body bound to {@code type}; unknown members or wrong types are a malformed request. */
        <T> T json(Class<T> type) {
            JsonNode node = json();
            if (!node.isObject()) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
            }
            try {
                return JSON.treeToValue(node, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                        "The body does not fit " + type.getSimpleName());
            }
        }

        void requireContentType(String expected) {
            String type = header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(expected)) {
                throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send " + expected);
            }
        }
    }

    /** An answer; {@code after} runs once the answer is sent (e.g. closing the listener it came on). */
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers, Runnable after) {

        static Answer json(int status, Object value) {
            return json(status, JSON_TYPE, value);
        }

        static Answer json(int status, String contentType, Object value) {
            try {
                return new Answer(status, contentType, JSON.writeValueAsBytes(value), Map.of(), null);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("answer not serialisable", e);
            }
        }

        static Answer empty(int status) {
            return new Answer(status, null, new byte[0], Map.of(), null);
        }

        static Answer problem(ProblemType type, String detail, ProblemException e) {
            Problem problem = e != null ? Problem.of(e, null) : Problem.of(type, detail, null, List.of());
            Answer answer = json(type.status(), PROBLEM_TYPE, problem);
            return type.status() == 503 ? answer.withHeader("Retry-After", "1") : answer;
        }

        Answer withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Answer(status, contentType, body, copy, after);
        }

        Answer andThen(Runnable action) {
            return new Answer(status, contentType, body, headers, action);
        }
    }

    @FunctionalInterface
    interface Handler {
        Answer handle(Request request) throws IOException, InterruptedException;
    }

    /** One route: method, whole-path pattern, whether the member-API faults apply. */
    record Route(String method, Pattern path, boolean memberApi, Handler handler) {}

    /** Dispatches to the routes; 404 for an unknown path, 405 with {@code Allow} for a known path's other method. */
    static final class Router implements HttpHandler {

        private final List<Route> routes;
        private final Supplier<Faults> faults;

        Router(List<Route> routes, Supplier<Faults> faults) {
            this.routes = List.copyOf(routes);
            this.faults = faults;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            Answer answer;
            try {
                answer = dispatch(exchange);
            } catch (ProblemException e) {
                answer = Answer.problem(e.type(), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = Answer.problem(ProblemType.OVERLOADED, "The simulator is stopping", null);
            } catch (IOException | RuntimeException e) {
                System.err.println("simulator: request failed (" + e.getClass().getSimpleName() + ")");
                answer = Answer.problem(ProblemType.INTERNAL, "The simulator failed to answer", null);
            }
            send(exchange, answer);
            if (answer.after() != null) {
                answer.after().run();
            }
        }

        private Answer dispatch(HttpExchange exchange) throws IOException, InterruptedException {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Set<String> allowed = new LinkedHashSet<>();
            for (Route route : routes) {
                Matcher matcher = route.path().matcher(path);
                if (!matcher.matches()) {
                    continue;
                }
                if (!route.method().equals(method)) {
                    allowed.add(route.method());
                    continue;
                }
                if (route.memberApi()) {
                    Answer failed = applyFaults(faults.get());
                    if (failed != null) {
                        return failed;
                    }
                }
                return route.handler().handle(new Request(exchange, matcher, readBody(exchange)));
            }
            if (!allowed.isEmpty()) {
                return Answer.problem(ProblemType.METHOD_NOT_ALLOWED, "Use " + String.join(", ", allowed), null)
                        .withHeader("Allow", String.join(", ", allowed));
            }
            return Answer.problem(ProblemType.NOT_FOUND, "No such path", null);
        }

        private static Answer applyFaults(Faults current) throws InterruptedException {
            if (current.latencyMs() > 0) {
                Thread.sleep(current.latencyMs());
            }
            if (current.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
                return Answer.problem(ProblemType.INTERNAL, "Simulated failure (error-rate fault)", null);
            }
            return null;
        }

        private static byte[] readBody(HttpExchange exchange) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "At most " + MAX_BODY + " bytes");
                }
                return body;
            }
        }

        private static void send(HttpExchange exchange, Answer answer) throws IOException {
            try (exchange) {
                if (answer.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                }
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                answer.headers().forEach(exchange.getResponseHeaders()::set);
                boolean noBody = answer.body().length == 0;
                exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
                if (!noBody) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            }
        }
    }

    /** Collects routes in order. */
    static final class Routes {
        private final List<Route> list = new ArrayList<>();

        Routes member(String method, String path, Handler handler) {
            list.add(new Route(method, Pattern.compile(path), true, handler));
            return this;
        }

        Routes simulator(String method, String path, Handler handler) {
            list.add(new Route(method, Pattern.compile(path), false, handler));
            return this;
        }

        List<Route> simulatorOnly() {
            return list.stream().filter(r -> !r.memberApi()).toList();
        }

        List<Route> all() {
            return List.copyOf(list);
        }
    }
}
