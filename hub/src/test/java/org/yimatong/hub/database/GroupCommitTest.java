package org.yimatong.hub.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Items that arrive while a batch is in flight go together in the next one; a failed batch stops nothing. */
class GroupCommitTest {

    private final List<List<Integer>> batches = new ArrayList<>();
    private final List<CompletableFuture<List<String>>> inFlight = new ArrayList<>();

    private Uni<List<String>> held(List<Integer> items) {
        batches.add(items);
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        inFlight.add(answer);
        return Uni.createFrom().completionStage(answer);
    }

    @Test
    void itemsArrivingDuringABatchGoInTheNextOneAndEachGetsItsOwnResult() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("numbers", 100, this::held);
        CompletableFuture<String> first = commits.submit(1).subscribeAsCompletionStage();
        CompletableFuture<String> second = commits.submit(2).subscribeAsCompletionStage();
        CompletableFuture<String> third = commits.submit(3).subscribeAsCompletionStage();

        assertEquals(List.of(List.of(1)), batches, "the first item runs at once, the others wait for it");
        inFlight.get(0).complete(List.of("one"));
        assertEquals(List.of(List.of(1), List.of(2, 3)), batches);
        inFlight.get(1).complete(List.of("two", "three"));

        assertEquals("one", first.join());
        assertEquals("two", second.join());
        assertEquals("three", third.join());
    }

    @Test
    void aFailedOrMiscountedBatchFailsItsItemsAndTheNextBatchStillRuns() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("numbers", 100, this::held);
        CompletableFuture<String> failed = commits.submit(1).subscribeAsCompletionStage();
        inFlight.get(0).completeExceptionally(new IllegalStateException("database down"));
        CompletableFuture<String> miscounted = commits.submit(2).subscribeAsCompletionStage();
        inFlight.get(1).complete(List.of());
        CompletableFuture<String> fine = commits.submit(3).subscribeAsCompletionStage();
        inFlight.get(2).complete(List.of("three"));

        CompletionException down = assertThrows(CompletionException.class, failed::join);
        CompletionException wrongCount = assertThrows(CompletionException.class, miscounted::join);
        assertEquals("database down", down.getCause().getMessage());
        assertTrue(wrongCount.getCause() instanceof IllegalStateException
                && wrongCount.getCause().getMessage().startsWith("0 results for 1"), wrongCount.getCause().toString());
        assertEquals("three", fine.orTimeout(5, TimeUnit.SECONDS).join());
    }

    @Test
    void aBatchIsNeverLargerThanItsBound() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("numbers", 2, this::held);
        for (int i = 1; i <= 5; i++) {
            commits.submit(i).subscribeAsCompletionStage();
        }
        inFlight.get(0).complete(List.of("1"));
        inFlight.get(1).complete(List.of("2", "3"));
        inFlight.get(2).complete(List.of("4", "5"));

        assertEquals(List.of(List.of(1), List.of(2, 3), List.of(4, 5)), batches);
    }

    @Test
    void aPoisonedItemAmongAHundredConcurrentGoodOnesFailsAloneAndNoGoodOneFails() throws Exception {
        // like PostgreSQL refusing a whole multi-row insert for one NUL byte
        GroupCommit<String, String> commits = new GroupCommit<>("items", 256, items -> items.contains("poison")
                ? Uni.createFrom().failure(new IllegalArgumentException("invalid byte sequence 0x00"))
                : Uni.createFrom().item(items.stream().map(String::toUpperCase).toList()));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<CompletableFuture<String>>> submitted = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                String item = i == 50 ? "poison" : "good-" + i;
                submitted.add(callers.submit(() -> commits.submit(item).subscribeAsCompletionStage()));
            }
            int goodFailed = 0;
            for (int i = 0; i < submitted.size(); i++) {
                CompletableFuture<String> answer = submitted.get(i).get(10, TimeUnit.SECONDS);
                if (i == 50) {
                    assertThrows(CompletionException.class, () -> answer.orTimeout(10, TimeUnit.SECONDS).join());
                } else {
                    try {
                        assertEquals(("good-" + i).toUpperCase(), answer.orTimeout(10, TimeUnit.SECONDS).join());
                    } catch (CompletionException e) {
                        goodFailed++;
                    }
                }
            }
            assertEquals(0, goodFailed, "no good item fails with the poisoned one");
        } finally {
            callers.shutdownNow();
        }
    }
}
