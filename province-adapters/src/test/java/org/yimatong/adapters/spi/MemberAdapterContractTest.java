package org.yimatong.adapters.spi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.problem.ProblemType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * The behaviour every dialect owes the hub, whatever its native shape: each native colour becomes the v1 status,
 * and every other outcome is a problem naming the member, never a colour. A dialect's test class extends this,
 * tells how its native platform (played by WireMock on a dynamic port) says each thing, and which operation is
 * its main one ({@link #ask}).
 */
public abstract class MemberAdapterContractTest {

    /** 2026-11-27 16:15:30 in China. */
    protected static final Instant NOW = Instant.parse("2026-11-27T08:15:30Z");
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    protected static final String NONCE = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    protected final WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** The entity id every problem must name. */
    protected abstract String member();

    protected abstract String region();

    protected abstract String dialect();

    /** The credentials the native platform accepts. */
    protected abstract Credentials credentials();

    protected Map<String, String> options() {
        return Map.of();
    }

    /** The native platform answers the main operation with {@code colour} (for a list: GREEN is not listed). */
    protected abstract void stubColour(Colour colour);

    /** The native platform answers outside its own dialect. */
    protected abstract void stubMalformed();

    /** The native platform refuses the credentials in its own way. */
    protected abstract void stubCredentialsRefused();

    /** The native platform answers the main operation correctly, but only after {@code delay}. */
    protected abstract void stubSlow(Duration delay);

    /** The dialect's main operation, reduced to the status it gives the subject of the request. */
    protected abstract CompletionStage<VerificationStatus> ask(MemberAdapter adapter);

    protected MemberEndpoint endpoint() {
        return new MemberEndpoint(member(), region(), dialect(), URI.create(platform.baseUrl()), credentials(),
                Duration.ofSeconds(5), options());
    }

    protected AdapterContext context() {
        return AdapterContext.standard(CLOCK).withNonces(() -> NONCE);
    }

    protected MemberAdapter adapter(MemberEndpoint endpoint) {
        return StandardAdapters.registry().adapterFor(endpoint, context());
    }

    @Test
    void registryChoosesTheAdapterByDialect() {
        MemberAdapter adapter = adapter(endpoint());

        assertEquals(dialect(), adapter.endpoint().dialect());
        assertTrue(StandardAdapters.registry().dialects().contains(dialect()));
    }

    @ParameterizedTest
    @EnumSource(Colour.class)
    void nativeColourBecomesTheV1Status(Colour colour) {
        stubColour(colour);

        VerificationStatus status = await(ask(adapter(endpoint())));

        assertEquals(VerificationStatus.of(colour), status);
    }

    @Test
    void malformedAnswerIsABadAnswerNamingTheMember() {
        stubMalformed();

        MemberProblem problem = failure(ask(adapter(endpoint())));

        assertEquals(ProblemType.MEMBER_BAD_ANSWER, problem.type());
        assertEquals(502, problem.type().status());
        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertTrue(problem.getMessage().startsWith(member() + ": "), problem.getMessage());
    }

    @Test
    void slowMemberIsATimeout() {
        stubSlow(Duration.ofMillis(1500));

        MemberProblem problem = failure(ask(adapter(endpoint().withTimeout(Duration.ofMillis(250)))));

        assertEquals(ProblemType.MEMBER_TIMEOUT, problem.type());
        assertEquals(504, problem.type().status());
        assertEquals(member(), problem.member());
    }

    @Test
    void refusedCredentialsAreAProblemNotAColour() {
        stubCredentialsRefused();

        MemberProblem problem = failure(ask(adapter(endpoint().withCredentials(wrongCredentials()))));

        assertEquals(MemberProblem.Kind.CREDENTIALS_REFUSED, problem.kind());
        assertEquals(ProblemType.MEMBER_BAD_ANSWER, problem.type());
        assertTrue(problem.getMessage().startsWith(member() + ": "), problem.getMessage());
    }

    @Test
    void unreachableMemberIsAProblemNotAColour() {
        MemberEndpoint closed = new MemberEndpoint(member(), region(), dialect(), URI.create("http://127.0.0.1:1"),
                credentials(), Duration.ofSeconds(2), options());

        MemberProblem problem = failure(ask(adapter(closed)));

        assertEquals(MemberProblem.Kind.UNAVAILABLE, problem.kind());
        assertEquals(ProblemType.MEMBER_BAD_ANSWER, problem.type());
        assertEquals(member(), problem.member());
    }

    protected Credentials wrongCredentials() {
        return new Credentials(credentials().id() + "-wrong", credentials().secret() + "-wrong");
    }

    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected an answer, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    /** The member problem {@code stage} fails with; an answer fails the test. */
    protected static MemberProblem failure(CompletionStage<?> stage) {
        try {
            Object answer = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return fail("expected a problem, got an answer: " + answer);
        } catch (ExecutionException e) {
            return assertInstanceOf(MemberProblem.class, NativeCalls.unwrap(e), "failure");
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    /** A test resource as bytes. */
    protected static byte[] fixture(String path) {
        try (var in = MemberAdapterContractTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + path);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    protected static String fixtureText(String path) {
        return new String(fixture(path), java.nio.charset.StandardCharsets.UTF_8);
    }
}
