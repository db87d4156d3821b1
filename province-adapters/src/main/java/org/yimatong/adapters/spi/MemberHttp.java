package org.yimatong.adapters.spi;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * How adapters, and the hub, reach other nodes: the hub gives its one outbound client (pooled, redirects never
 * followed, answers bounded); tools and tests use {@link JdkMemberHttp}. A stage fails with
 * {@link java.util.concurrent.TimeoutException} when the call's total timeout passes, with
 * {@link AnswerTooLargeException} for an answer past the client's limit, and with an {@link java.io.IOException}
 * or other exception when the node cannot be reached; {@link NativeCalls#asProblem} names each for the member.
 */
public interface MemberHttp {

    /** Sends {@code call} and reads its answer whole. */
    CompletionStage<HttpAnswer> send(HttpCall call);

    /**
     * Sends {@code call} and writes the answer's body to {@code file} as it arrives (a daily list file can be far
     * larger than any answer held in memory); the stage gives the status once the body is written.
     */
    CompletionStage<Integer> download(HttpCall call, Path file);
}
