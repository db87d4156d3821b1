package org.yimatong.adapters.csvlist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;

/** The daily list as the contract sees it: GREEN is "not listed", RED/YELLOW the colour of the one row. */
class CsvListAdapterTest extends MemberAdapterContractTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    static final String PATH = "/lists/20261127.csv";
    static final byte[] LIST_KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);

    @Override
    protected String member() {
        return "ymt:member:440000";
    }

    @Override
    protected String region() {
        return "440000";
    }

    @Override
    protected String dialect() {
        return "csv-list";
    }

    @Override
    protected Credentials credentials() {
        return new Credentials("hub", "list-password");
    }

    private void serve(String fixture) {
        platform.stubFor(get(urlEqualTo(PATH)).withBasicAuth("hub", "list-password")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv; charset=GBK")
                        .withBody(fixture("csv-list/" + fixture))));
    }

    @Override
    protected void stubColour(Colour colour) {
        serve(switch (colour) {
            case GREEN -> "list-header-only.csv";
            case YELLOW -> "list-yellow.csv";
            case RED -> "list-red.csv";
        });
    }

    @Override
    protected void stubMalformed() {
        serve("list-wrong-header.csv");
    }

    @Override
    protected void stubCredentialsRefused() {
        platform.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"lists\"")));
    }

    @Override
    protected void stubSlow(Duration delay) {
        platform.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay((int) delay.toMillis()).withBody(fixture("csv-list/list-red.csv"))));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.dailyList(DAY, LIST_KEY).thenApply(entries -> {
            try (Stream<ListEntry> s = entries) {
                List<ListEntry> all = s.toList();
                if (all.isEmpty()) {
                    return VerificationStatus.GREEN;
                }
                assertEquals(1, all.size());
                return VerificationStatus.of(all.get(0).col());
            }
        });
    }

    @Test
    void fetchedListIsThePseudonymisedGoldenNdjson() {
        serve("list-valid.csv");

        List<ListEntry> entries = await(adapter(endpoint()).dailyList(DAY, LIST_KEY)
                .thenApply(s -> {
                    try (s) {
                        return s.toList();
                    }
                }));

        String ndjson = entries.stream().map(e -> e.canonicalJson() + "\n").reduce("", String::concat);
        assertEquals(fixtureText("golden/csv-list/list-valid.ndjson"), ndjson);
    }

    @Test
    void missingFileForTheDayIsABadAnswer() {
        platform.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

        MemberProblem problem = failure(adapter(endpoint()).dailyList(DAY, LIST_KEY));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }
}
