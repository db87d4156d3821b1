package org.yimatong.hub.lists.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FileDropTest {

    private static final String MEMBER = "ymt:member:520300";

    @Inject
    ListsConfig config;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private Path root;

    @BeforeEach
    void member() {
        TestMembers.register(MEMBER, "http://localhost:9/m5203", key, "5203");
        root = ListIngestRoutes.root(config);
    }

    @Test
    void aGoodFileIsIngestedAndMovedToDone() throws IOException {
        LocalDate day = LocalDate.parse("2026-11-20");
        List<ListEntry> entries = List.of(entry(sub("f1"), Colour.RED, "520301"), entry(sub("f2"), Colour.YELLOW,
                "520301"));

        drop(day, ListBatches.sign(key, MEMBER, day.toString(), day, entries), ListBatches.ndjson(entries));

        Path done = root.resolve("done").resolve(MEMBER);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done.resolve(day + ".ndjson")));
        assertTrue(Files.exists(done.resolve(day + ".sig")));
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .when().get("/v1/lists/batches/" + day).then().statusCode(200)
                .body("state", equalTo("STORED")).body("receipt.added", equalTo(2));
    }

    @Test
    void aBadFileGoesToErrorWithAReportNamingTheBadLine() throws IOException {
        LocalDate day = LocalDate.parse("2026-11-21");
        List<ListEntry> entries = List.of(entry(sub("f3"), Colour.RED, "520301"));
        String body = ListBatches.ndjson(entries) + "{\"sub\":\"nope\"}\n";

        drop(day, ListBatches.sign(key, MEMBER, day.toString(), day, entries), body);

        Path error = root.resolve("error").resolve(MEMBER);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(error.resolve(day + ".ndjson")));
        String report = Files.readString(error.resolve(day + ".problem.json"));
        assertTrue(report.contains("batch-invalid"), report);
        assertTrue(report.contains("/line/2/sub"), report);
        assertTrue(Files.exists(error.resolve(day + ".sig")));
        assertFalse(Files.exists(root.resolve("done").resolve(MEMBER).resolve(day + ".ndjson")));
    }

    /** As a member publishes: the signature first, then the batch by an atomic rename. */
    private void drop(LocalDate day, String signature, String body) throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox").resolve(MEMBER));
        for (String folder : List.of("done", "error")) {
            Path old = root.resolve(folder).resolve(MEMBER);
            for (String suffix : List.of(".ndjson", ".sig", ".problem.json")) {
                Files.deleteIfExists(old.resolve(day + suffix));
            }
        }
        Files.writeString(inbox.resolve(day + ".sig"), signature);
        Path partial = Files.writeString(inbox.resolve(day + ".partial"), body);
        Files.move(partial, inbox.resolve(day + ".ndjson"), StandardCopyOption.ATOMIC_MOVE);
    }
}
