package org.yimatong.hub.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.security.SecureRandom;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;

import org.yimatong.hub.memberapi.FakeFederation;

import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The federation's list keys as the test hub's parent hands them out (REQ-LIST-11): drawn at random once per test
 * run, so a test can only know a pseudonym by asking the hub for the key, as a platform does. The test hub stores
 * a key the first time it is asked for it, so every test that needs a key stubs the parent first.
 */
public final class ParentListKeys {

    private static final byte[] CURRENT = random();
    private static final byte[] PREVIOUS = random();
    private static final byte[] NEXT = random();

    private ParentListKeys() {
    }

    /** The parent answers {@code GET /v1/lists/key?epoch=} for the previous, the current and the next epoch. */
    public static void stub(WireMock parent) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        stub(parent, now, CURRENT);
        stub(parent, now.minusMonths(1), PREVIOUS);
        stub(parent, now.plusMonths(1), NEXT);
    }

    /** The current epoch's key, as the parent has it. */
    public static byte[] current() {
        return CURRENT.clone();
    }

    /** The previous epoch's key, as the parent has it. */
    public static byte[] previous() {
        return PREVIOUS.clone();
    }

    /** The next epoch's key, as the parent has it. */
    public static byte[] next() {
        return NEXT.clone();
    }

    private static void stub(WireMock parent, YearMonth epoch, byte[] key) {
        parent.register(get(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/lists/key?epoch=" + epoch))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"epoch":"%s","alg":"HMAC-SM3","key":"%s","validFrom":"%s","validUntil":"%s"}"""
                                .formatted(epoch, Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                                        epoch.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                                        epoch.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)))));
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
