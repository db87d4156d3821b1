package org.yimatong.schemas.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.fuzz.Fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link StrictJson} reads every signed object before its signature is checked, so it meets whatever an attacker
 * sends: it gives a value or an {@link IOException}, for text and for bytes in any encoding, however deep or long,
 * never a raw runtime exception or a {@link StackOverflowError}. Inputs come from a fixed seed (see {@link Fuzz}).
 */
class StrictJsonFuzzTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SAMPLE = "{\"sub\":\"0a1b\",\"col\":\"RED\",\"n\":[1,-2.5e3,true,null,{\"x\":\"\\u00e9\"}]}";

    @Test
    void anyTextIsReadOrRefused() {
        forAll(0x5eed_7500_0001L, 5000, r -> switch (r.nextInt(3)) {
            case 0 -> Fuzz.anyString(r, 300);
            case 1 -> Fuzz.jsonish(r, 300);
            default -> Fuzz.mutate(r, SAMPLE, Fuzz.JSON_TOKENS);
        }, text -> refusal(UncheckedIo.class, () -> {
            try {
                StrictJson.read(text);
            } catch (IOException e) {
                throw new UncheckedIo(e);
            }
        }));
    }

    @Test
    void anyBytesAreReadOrRefused() {
        // bytes go through Jackson's encoding detection (UTF-8/16/32, BOMs) before any JSON is seen
        forAll(0x5eed_7500_0002L, 5000, r -> r.nextBoolean() ? Fuzz.anyBytes(r, 300)
                : Fuzz.mutate(r, SAMPLE, Fuzz.JSON_TOKENS).getBytes(r.nextBoolean() ? StandardCharsets.UTF_8
                        : StandardCharsets.UTF_16), bytes -> readOrRefused(bytes));
    }

    @Test
    void deepNestingIsRefusedNotOverflowingTheStack() {
        forAll(0x5eed_7500_0003L, 30, r -> {
            int depth = 1 + r.nextInt(300_000);
            return r.nextBoolean() ? Fuzz.nested("[", "1", "]", depth) : Fuzz.nested("{\"a\":", "1", "}", depth);
        }, text -> readOrRefused(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hugeNumbersAndStringsAreReadOrRefused() {
        forAll(0x5eed_7500_0004L, 30, r -> {
            String digits = "9".repeat(1 + r.nextInt(200_000));
            return switch (r.nextInt(4)) {
                case 0 -> digits;
                case 1 -> "-" + digits + "." + digits + "e" + digits;
                case 2 -> "{\"a\":" + digits + "}";
                default -> "\"" + "x".repeat(r.nextInt(1_000_000)) + "\"";
            };
        }, text -> readOrRefused(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyValueWrittenIsReadBackAsItWas() {
        forAll(0x5eed_7500_0005L, 2000, r -> value(r, 4), value -> {
            try {
                String written = StrictJson.mapper().writeValueAsString(value);
                assertEquals(written, StrictJson.mapper().writeValueAsString(StrictJson.read(written)));
            } catch (IOException e) {
                throw new UncheckedIo(e);
            }
        });
    }

    @Test
    void aDuplicateMemberAnywhereIsRefused() {
        forAll(0x5eed_7500_0006L, 1000, r -> {
            ObjectNode object = JSON.objectNode();
            object.set("k", value(r, 2));
            String inner = object.toString();
            return "{\"a\":[" + inner.substring(0, inner.length() - 1) + ",\"k\":" + value(r, 2) + "}]}";
        }, text -> assertThrows(IOException.class, () -> StrictJson.read(text)));
    }

    private static void readOrRefused(byte[] bytes) {
        refusal(UncheckedIo.class, () -> {
            try {
                StrictJson.read(bytes);
            } catch (IOException e) {
                throw new UncheckedIo(e);
            }
        });
    }

    /** Any JSON value up to {@code depth} levels, strings of any valid text. */
    private static JsonNode value(SplittableRandom r, int depth) {
        switch (depth == 0 ? r.nextInt(5) : r.nextInt(7)) {
            case 0 :
                return JSON.textNode(Fuzz.anyString(r, 30).replaceAll("[\\ud800-\\udfff]", "?"));
            case 1 :
                return JSON.numberNode(r.nextLong());
            case 2 :
                return JSON.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(-300, 300)));
            case 3 :
                return JSON.booleanNode(r.nextBoolean());
            case 4 :
                return JSON.nullNode();
            case 5 : {
                ArrayNode array = JSON.arrayNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    array.add(value(r, depth - 1));
                }
                return array;
            }
            default : {
                ObjectNode object = JSON.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    object.set(Fuzz.anyString(r, 8).replaceAll("[\\ud800-\\udfff]", "?"), value(r, depth - 1));
                }
                return object;
            }
        }
    }

    /** Carries the checked {@link IOException} through a {@link Runnable}. */
    private static final class UncheckedIo extends RuntimeException {
        UncheckedIo(IOException cause) {
            super(cause);
        }
    }
}
