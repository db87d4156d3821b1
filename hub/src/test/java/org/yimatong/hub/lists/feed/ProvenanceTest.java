package org.yimatong.hub.lists.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProvenanceTest {

    private static final String UPLOADER = "ymt:member:510500";
    private static final String RECEIVER = "ymt:member:510600";

    @Test
    void aReceiverVerifiesTheUploadersSignatureWithItsPublicKey() {
        Jwk uploaderKey = Jwk.generate(SignatureProfile.SM2);
        Jwk receiverKey = Jwk.generate(SignatureProfile.ES256);
        TestMembers.register(UPLOADER, "http://localhost:9/m5105", uploaderKey, "5105");
        TestMembers.register(RECEIVER, "http://localhost:9/m5106", receiverKey, "5106");
        ListBatches.upload(uploaderKey, UPLOADER, "prov-1", LocalDate.parse("2026-11-27"),
                List.of(entry(sub("v1"), Colour.RED, "510501"), entry(sub("v2"), Colour.YELLOW, "510502")))
                .statusCode(201);

        JsonPath provenance = given().header("Ymt-Client-Assertion", TestMembers.assertion(receiverKey, RECEIVER))
                .queryParam("member", UPLOADER)
                .when().get("/v1/lists/batches/prov-1/provenance").then().statusCode(200).extract().jsonPath();

        BatchManifest manifest = new BatchManifest(provenance.getString("manifest.member"),
                provenance.getString("manifest.batchTag"), LocalDate.parse(provenance.getString("manifest.day")),
                provenance.getLong("manifest.count"), provenance.getString("manifest.digest"));
        Jwk publicKey = uploaderKey.publicOnly();
        Jwk verifiedWith = BatchSignature.verify(provenance.getString("signature"), manifest,
                kid -> kid.equals(publicKey.kid()) ? Optional.of(publicKey) : Optional.empty());
        assertEquals(publicKey.kid(), verifiedWith.kid());
        assertEquals(publicKey.kid(), provenance.getString("kid"));
        assertEquals(2L, manifest.count());
    }
}
