package org.yimatong.adapters.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.StandardAdapters;

class AdapterRegistryTest {

    private final AdapterContext context = AdapterContext.standard(Clock.systemUTC());

    private static MemberEndpoint endpoint(String dialect, Credentials credentials) {
        return new MemberEndpoint("ymt:member:440000", "440000", dialect, URI.create("http://127.0.0.1:1/base/"),
                credentials);
    }

    @Test
    void standardRegistryKnowsTheFiveDialects() {
        assertEquals(Set.of("v1", "soap-md5", "json-hmac", "national-relay", "csv-list"),
                StandardAdapters.registry().dialects());
    }

    @Test
    void eachDialectSaysWhichOperationsItCarries() {
        Map<String, Set<Operation>> expected = Map.of(
                "v1", EnumSet.of(Operation.VERIFY, Operation.VERIFY_NATIVE, Operation.GREEN_LOOKUP,
                        Operation.KEY_SET, Operation.APPEAL, Operation.VENUE_SCAN),
                "soap-md5", EnumSet.of(Operation.VERIFY, Operation.VERIFY_NATIVE, Operation.GREEN_LOOKUP,
                        Operation.APPEAL),
                "json-hmac", EnumSet.of(Operation.VERIFY, Operation.GREEN_LOOKUP, Operation.APPEAL),
                "national-relay", EnumSet.of(Operation.VERIFY),
                "csv-list", EnumSet.of(Operation.DAILY_LIST));
        Credentials credentials = new Credentials("app", "secret");

        expected.forEach((dialect, operations) -> assertEquals(operations, StandardAdapters.registry()
                .adapterFor(endpoint(dialect, credentials), context).operations(), dialect));
    }

    @Test
    void unknownDialectIsRefusedNamingTheMember() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardAdapters.registry().adapterFor(endpoint("fax", Credentials.NONE), context));

        assertTrue(e.getMessage().startsWith("ymt:member:440000: unknown dialect fax"), e.getMessage());
    }

    @Test
    void missingCredentialsAreRefusedWhenTheAdapterIsMadeNotOnTheFirstCall() {
        assertThrows(IllegalArgumentException.class,
                () -> StandardAdapters.registry().adapterFor(endpoint("json-hmac", Credentials.NONE), context));
    }

    @Test
    void twoFactoriesForOneDialectAreRefused() {
        AdapterFactory one = new org.yimatong.adapters.v1.V1AdapterFactory();

        assertThrows(IllegalArgumentException.class, () -> new AdapterRegistry(List.of(one, one)));
    }

    @Test
    void operationOutsideTheDialectFailsTheStageWithoutCallingTheMember() {
        MemberAdapter relay = StandardAdapters.registry()
                .adapterFor(endpoint("national-relay", new Credentials("app", "key")), context);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> relay.dailyList(LocalDate.of(2026, 11, 27), new byte[]{ 1 }).toCompletableFuture().get());

        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }

    @Test
    void endpointNeverPrintsTheSecret() {
        MemberEndpoint endpoint = endpoint("json-hmac", new Credentials("app", "s3cr3t-value"));

        assertFalse(endpoint.toString().contains("s3cr3t-value"), endpoint.toString());
        assertEquals(URI.create("http://127.0.0.1:1/base/api/v2/x"), endpoint.resolve("/api/v2/x"));
    }

    @Test
    void aDialectWithoutNativeCodesRefusesOneAsNotItsOwnWithoutCallingTheMember() {
        MemberAdapter relay = StandardAdapters.registry()
                .adapterFor(endpoint("national-relay", new Credentials("app", "key")), context);

        ExecutionException e = assertThrows(ExecutionException.class, () -> relay.verifyNative(
                new org.yimatong.schemas.payload.VerificationRequest("JKM1:440000:48120937561029384756:02B2",
                        new org.yimatong.schemas.payload.VerificationRequest.Checkpoint("gate-7", "440106", "STATION"),
                        "entry"), Forwarding.FIRST_HOP).toCompletableFuture().get());

        MemberProblem problem = assertInstanceOf(MemberProblem.class, e.getCause());
        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(org.yimatong.schemas.problem.ProblemType.NOT_FOUND, problem.type());
        assertTrue(problem.getMessage().startsWith("ymt:member:440000: "), problem.getMessage());
    }

    @Test
    void aVenueScanToADialectWithoutThemIsAConfigurationErrorNotAMemberFault() {
        MemberAdapter soap = StandardAdapters.registry()
                .adapterFor(endpoint("soap-md5", new Credentials("app", "")), context);

        ExecutionException e = assertThrows(ExecutionException.class, () -> soap.deliverVenueScan(
                new org.yimatong.schemas.payload.VenueScanRecord("vs-1", "v-1", "a".repeat(64),
                        java.time.Instant.parse("2026-11-27T08:15:30Z"),
                        org.yimatong.schemas.payload.ScanDirection.ENTRY, "ymt:member:310000"),
                Forwarding.FIRST_HOP).toCompletableFuture().get());

        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }
}
