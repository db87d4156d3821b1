package org.yimatong.adapters.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.yimatong.schemas.canonical.StrictJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One native HTTP exchange, asynchronously, with its failures turned into {@link MemberProblem}s: a timeout is
 * {@code member-timeout}, a refused connection or I/O failure {@code member-bad-answer} (unavailable), and an
 * exception while reading the answer becomes {@code member-bad-answer}, unless it already is a problem.
 */
public final class NativeCalls {

    private NativeCalls() {
    }

    /**
     * Sends {@code call} (its total timeout set from the endpoint) and maps the answer with {@code read}, which
     * throws a {@link MemberProblem} for an answer outside the dialect.
     */
    public static <T> CompletionStage<T> send(MemberHttp http, MemberEndpoint endpoint, HttpCall call,
            Function<HttpAnswer, T> read) {
        String member = endpoint.member();
        CompletionStage<HttpAnswer> sent;
        try {
            sent = http.send(call.timeout(endpoint.timeout()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(MemberProblem.unavailable(member, "request not sent", e));
        }
        return sent.handle((answer, failure) -> {
            if (failure != null) {
                throw asProblem(member, failure);
            }
            try {
                return read.apply(answer);
            } catch (MemberProblem e) {
                throw e;
            } catch (RuntimeException e) {
                throw MemberProblem.badAnswer(member, "unreadable answer (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /** The problem for a failed exchange; a {@link MemberProblem} passes unchanged. */
    public static MemberProblem asProblem(String member, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MemberProblem problem) {
            return problem;
        }
        if (cause instanceof TimeoutException) {
            return MemberProblem.timeout(member, cause);
        }
        if (cause instanceof AnswerTooLargeException) {
            return MemberProblem.badAnswer(member, cause.getMessage());
        }
        if (cause instanceof UncheckedIOException unchecked) {
            cause = unchecked.getCause();
        }
        if (cause instanceof ConnectException) {
            return MemberProblem.unavailable(member, "connection refused", cause);
        }
        if (cause instanceof IOException) {
            return MemberProblem.unavailable(member, "connection failed (" + cause.getClass().getSimpleName() + ")",
                    cause);
        }
        return MemberProblem.unavailable(member, "call failed (" + cause.getClass().getSimpleName() + ")", cause);
    }

    /** The cause inside the wrappers {@link CompletableFuture} puts around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The status every native dialect answers with when it answers at all: 200. A 5xx is a server error (the member
     * cannot answer now), 401/403 a refusal of the hub's credentials, anything else a bad answer.
     */
    public static void requireOk(String member, int status) {
        refuseServerError(member, status);
        if (status == 401 || status == 403) {
            throw MemberProblem.credentialsRefused(member, "HTTP " + status);
        }
        if (status != 200) {
            throw MemberProblem.badAnswer(member, "answered HTTP " + status);
        }
    }

    /** The JSON of a 200 answer ({@link #requireOk}), read strictly (duplicate members refused). */
    public static JsonNode okJson(String member, HttpAnswer answer) {
        requireOk(member, answer.status());
        try {
            return StrictJson.read(answer.body());
        } catch (IOException e) {
            throw MemberProblem.badAnswer(member, "answer is not JSON");
        }
    }

    /** Status classes every dialect treats alike: 5xx is a server error (the member cannot answer now). */
    public static void refuseServerError(String member, int status) {
        if (status >= 500) {
            throw MemberProblem.serverError(member, status);
        }
    }
}
