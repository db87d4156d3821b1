package org.yimatong.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.SecondInstance;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.MemberStatus;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A second hub instance on the same database, with its own LISTEN connection, learns that an operator suspended a
 * member on this one within a second (REQ-HA-1): from then on it refuses that member's calls and sessions as this
 * instance does (SessionTokenTest).
 */
@QuarkusTest
class SuspensionReachesOtherInstancesTest {

    private static final String MEMBER = "ymt:member:750100";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    MemberKeySets keySets;

    @Test
    void aSuspensionOnThisInstanceReachesAnotherWithinASecond() throws InterruptedException {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register(MEMBER, "PLATFORM", "http://localhost:9/m7501", key, "ACTIVE", "7501");
        PgSubscriber listening = SecondInstance.listening(vertx);
        try {
            MemberRegistry other = new MemberRegistry(pool, listening, keySets);
            other.onStart(null);
            assertEquals(MemberStatus.ACTIVE, other.find(MEMBER).orElseThrow().status());

            TestMembers.register(MEMBER, "PLATFORM", "http://localhost:9/m7501", key, "SUSPENDED", "7501");

            for (int i = 0; i < 20 && other.find(MEMBER).orElseThrow().status() != MemberStatus.SUSPENDED; i++) {
                Thread.sleep(50);
            }
            assertEquals(MemberStatus.SUSPENDED, other.find(MEMBER).orElseThrow().status(), "within a second");
        } finally {
            listening.closeAndAwait();
        }
    }
}
