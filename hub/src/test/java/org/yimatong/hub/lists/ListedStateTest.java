package org.yimatong.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import org.yimatong.hub.lists.ListStateLookup.Listed;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
class ListedStateTest {

    private static final String MEMBER = "ymt:member:520900";

    @Inject
    ListState state;

    @Inject
    ListStateLookup lookup;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void theVerificationMergeSeesAListedSubjectAndNotAnUnlistedOne() {
        TestMembers.register(MEMBER, "http://localhost:9/m5209", key, "5209");
        ListBatches.upload(key, MEMBER, "state-1", LocalDate.parse("2026-11-27"),
                List.of(entry(sub("merge-red"), Colour.RED, "520901"))).statusCode(201);

        assertEquals(Optional.of(new Listing(Colour.RED, ListBatches.FAR)),
                state.listingOf(code(sub("merge-red"))).await().indefinitely());
        assertEquals(Optional.empty(), state.listingOf(code(sub("merge-unlisted"))).await().indefinitely());
    }

    @Test
    void lookupsReadTogetherEachGetTheirOwnSubjectsListing() {
        // a member of its own: a batch is its member's whole list, and the other test's must stay as it is
        TestMembers.register("ymt:member:529900", "http://localhost:9/m5299", key, "5299");
        ListBatches.upload(key, "ymt:member:529900", "state-2", LocalDate.parse("2026-11-27"),
                List.of(entry(sub("batch-red"), Colour.RED, "529901"),
                        entry(sub("batch-yellow"), Colour.YELLOW, "529902"))).statusCode(201);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            asked.add(sub(List.of("batch-red", "batch-yellow", "batch-none").get(i % 3)));
        }

        List<Optional<Listed>> answers = Uni.join().all(asked.stream().map(lookup::listingOf).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        for (int i = 0; i < asked.size(); i++) {
            Optional<Colour> colour = answers.get(i).map(Listed::colour);
            assertEquals(switch (i % 3) {
                case 0 -> Optional.of(Colour.RED);
                case 1 -> Optional.of(Colour.YELLOW);
                default -> Optional.<Colour> empty();
            }, colour, "answer " + i);
        }
    }

    private static CodeClaims code(String sub) {
        Instant now = Instant.now();
        return new CodeClaims(MEMBER, sub, "AAAAAAAAAAAAAAAAAAAAAA", Colour.GREEN, "520901", now, now.plusSeconds(60));
    }
}
