package org.yimatong.tokens.pairwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PairwiseSubjectsTest {

    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    @ParameterizedTest
    @EnumSource(PairwiseSubjects.Algorithm.class)
    void samePersonGetsADifferentSubjectAtEachAudience(PairwiseSubjects.Algorithm algorithm) {
        PairwiseSubjects pairwise = new PairwiseSubjects(SECRET, algorithm);

        String civil = pairwise.subject("ymt:member:310000", "alice", "dept-civil");
        String tax = pairwise.subject("ymt:member:310000", "alice", "dept-tax");

        assertNotEquals(civil, tax);
        assertEquals(43, civil.length());
    }

    @ParameterizedTest
    @EnumSource(PairwiseSubjects.Algorithm.class)
    void samePersonGetsTheSameSubjectAtOneAudienceEveryTime(PairwiseSubjects.Algorithm algorithm) {
        String first = new PairwiseSubjects(SECRET, algorithm).subject("ymt:member:310000", "alice", "dept-civil");
        String again = new PairwiseSubjects(SECRET.clone(), algorithm).subject("ymt:member:310000", "alice",
                "dept-civil");

        assertEquals(first, again);
    }

    @Test
    void sameMemberSubjectAtTwoHomesIsTwoPeople() {
        PairwiseSubjects pairwise = new PairwiseSubjects(SECRET, PairwiseSubjects.Algorithm.HMAC_SM3);

        assertNotEquals(pairwise.subject("ymt:member:310000", "42", "dept-civil"),
                pairwise.subject("ymt:member:320000", "42", "dept-civil"));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        PairwiseSubjects pairwise = new PairwiseSubjects(SECRET, PairwiseSubjects.Algorithm.HMAC_SM3);

        assertNotEquals(pairwise.subject("ymt:member:31", "0000alice", "d"),
                pairwise.subject("ymt:member:310000", "alice", "d"));
    }

    @Test
    void anotherHubSecretGivesUnlinkableSubjects() {
        byte[] other = SECRET.clone();
        other[0] = 8;

        assertNotEquals(new PairwiseSubjects(SECRET, PairwiseSubjects.Algorithm.HMAC_SM3).subject("h", "s", "a"),
                new PairwiseSubjects(other, PairwiseSubjects.Algorithm.HMAC_SM3).subject("h", "s", "a"));
    }

    @Test
    void shortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairwiseSubjects(new byte[31], PairwiseSubjects.Algorithm.HMAC_SHA256));
    }
}
