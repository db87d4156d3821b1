package org.yimatong.schemas.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProvinceTest {

    @Test
    void thereAre34DivisionsOfFourKinds() {
        assertEquals(34, Province.values().length);
        Map<Province.Kind, Long> byKind = Arrays.stream(Province.values())
                .collect(Collectors.groupingBy(Province::kind, Collectors.counting()));
        assertEquals(Map.of(Province.Kind.PROVINCE, 23L, Province.Kind.AUTONOMOUS_REGION, 5L,
                Province.Kind.MUNICIPALITY, 4L, Province.Kind.SPECIAL_ADMINISTRATIVE_REGION, 2L), byKind);
    }

    @Test
    void prefixesAreUnique() {
        assertEquals(34, Arrays.stream(Province.values()).map(Province::prefix)
                .collect(Collectors.toMap(Function.identity(), p -> p)).size());
    }

    @Test
    void looksUpByPrefix() {
        assertEquals(Optional.of(Province.SHANGHAI), Province.byPrefix("31"));
        assertEquals(Optional.of(Province.TAIWAN), Province.byPrefix("71"));
        assertEquals(Optional.of(Province.MACAO), Province.byPrefix("82"));
        assertEquals("310000", Province.SHANGHAI.regionCode());
    }

    @Test
    void looksUpBySixDigitRegionCode() {
        assertEquals(Optional.of(Province.SHANGHAI), Province.byRegionCode("310101"));
        assertEquals(Optional.of(Province.GANSU), Province.byRegionCode("620000"));
        assertEquals(Optional.empty(), Province.byRegionCode("31010"));
        assertEquals(Optional.empty(), Province.byRegionCode("3101011"));
        assertEquals(Optional.empty(), Province.byRegionCode("31a101"));
        assertEquals(Optional.empty(), Province.byRegionCode("990000"));
        assertEquals(Optional.empty(), Province.byRegionCode(null));
    }

    @Test
    void knownPrefixesAreExactlyTheDivisions() {
        assertTrue(Province.isKnownPrefix("11"));
        assertTrue(Province.isKnownPrefix("65"));
        assertFalse(Province.isKnownPrefix("83"), "83 is an ID-number prefix, not a GB/T 2260 division");
        assertFalse(Province.isKnownPrefix("99"));
        assertFalse(Province.isKnownPrefix("3"));
        assertFalse(Province.isKnownPrefix("310"));
        assertFalse(Province.isKnownPrefix(null));
    }
}
