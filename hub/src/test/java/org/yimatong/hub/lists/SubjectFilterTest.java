package org.yimatong.hub.lists;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The filter never forgets a subject it was given, and says "maybe" for about 1 % of the others. */
class SubjectFilterTest {

    private final SplittableRandom random = new SplittableRandom(20261207);

    @Test
    void noSubjectAddedIsEverMissedAndFewOthersAreMaybe() {
        SubjectFilter filter = new SubjectFilter(100_000);
        String[] added = new String[100_000];
        for (int i = 0; i < added.length; i++) {
            added[i] = pseudonym();
            filter.add(added[i]);
        }

        for (String sub : added) {
            assertTrue(filter.mightContain(sub), sub);
        }
        int maybe = 0;
        for (int i = 0; i < 100_000; i++) {
            maybe += filter.mightContain(pseudonym()) ? 1 : 0;
        }
        assertTrue(maybe < 2_000, maybe + " of 100,000 subjects never added were 'maybe' (about 1,000 expected)");
    }

    private String pseudonym() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
