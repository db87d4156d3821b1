package org.yimatong.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ListedStateTest {

    private static final String MEMBER = "ymt:member:520900";

    @Inject
    ListState state;

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

    private static CodeClaims code(String sub) {
        Instant now = Instant.now();
        return new CodeClaims(MEMBER, sub, "AAAAAAAAAAAAAAAAAAAAAA", Colour.GREEN, "520901", now, now.plusSeconds(60));
    }
}
