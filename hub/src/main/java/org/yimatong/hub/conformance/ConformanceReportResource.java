package org.yimatong.hub.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.registry.MemberStore;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/admin/members/{id}/conformance-reports}: an operator hands in the runner's {@code report.json}
 * and its detached signature; a passing run about this member becomes a trust mark on its record.
 * Checked in this order, each refusal recording nothing: the member exists, the signature is by a trusted runner
 * key over these exact bytes, the report is about this member, the run passed.
 */
@Path("/v1/admin/members/{id}/conformance-reports")
@RolesAllowed(Roles.OPERATOR)
public class ConformanceReportResource {

    public static final String SIGNATURE_HEADER = "Ymt-Report-Signature";
    private static final Pattern DETACHED_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    private static final String ADMIN = "admin";

    private final MemberStore registry;
    private final TrustedRunnerKeys trustedKeys;
    private final AuditWriter audit;
    private final Clock clock;
    private final HubKeyRing keys;
    private final HubConfig hub;
    /** How long a mark certifies: a year, after which the member runs the suite again. */
    static final Duration MARK_VALIDITY = Duration.ofDays(365);
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConformanceReportResource(MemberStore registry, TrustedRunnerKeys trustedKeys, AuditWriter audit,
            Clock clock, HubKeyRing keys, HubConfig hub) {
        this.keys = keys;
        this.hub = hub;
        this.registry = registry;
        this.trustedKeys = trustedKeys;
        this.audit = audit;
        this.clock = clock;
    }

    /** The body is read as bytes, never re-serialised: the signature covers exactly what the runner wrote. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> upload(@PathParam("id") String entityId, @HeaderParam(SIGNATURE_HEADER) String signature,
            byte[] body) {
        long started = System.nanoTime();
        if (signature == null || !DETACHED_JWS.matcher(signature).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The report's signature is missing or not a detached JWS",
                    List.of(new FieldError("/header/" + SIGNATURE_HEADER, "required, a detached compact JWS")));
        }
        return registry.get(entityId)
                .map(found -> found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No member "
                        + entityId)))
                .flatMap(member -> trustedKeys.current().map(keys -> {
                    VerifiedReport verified = VerifiedReport.verify(body == null ? new byte[0] : body, signature, keys);
                    return new Candidate(verified, member);
                }))
                .flatMap(candidate -> recordMark(candidate, started));
    }

    private Uni<Response> recordMark(Candidate candidate, long started) {
        TrustMark mark;
        try {
            mark = signed(candidate.member().entityId(), TrustMarkRules.markFor(candidate.report(), candidate
                    .member(), clock.instant()));
        } catch (ProblemException refused) {
            if (refused.type() != ProblemType.CONFORMANCE_NOT_PASSED) {
                throw refused;
            }
            // A genuine report of a failed run is worth an audit line; forged or misaddressed ones are not.
            return audited(candidate, AuditOutcome.problem(refused.type()), started)
                    .onItem().transform(audited -> {
                        throw refused;
                    });
        }
        return registry.updateTrustMarks(candidate.member().entityId(), marks -> TrustMarkRules.withMark(marks, mark))
                .flatMap(stored -> audited(candidate, "OK", started))
                .map(audited -> Response.status(Response.Status.CREATED).entity(mark).build());
    }

    /**
     * The mark as this hub vouches for it: valid {@link #MARK_VALIDITY} from now, and signed over what it certifies,
     * so another hub can check it against this hub's key set without asking.
     */
    private TrustMark signed(String member, TrustMark mark) {
        Instant until = mark.recordedAt().plus(MARK_VALIDITY);
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", member)
                .put("iss", hub.entityId())
                .put("plan", mark.plan().wireName())
                .put("suiteVersion", mark.suiteVersion())
                .put("contractVersion", mark.contractVersion())
                .put("reportDigest", mark.reportDigest())
                .put("iat", mark.recordedAt().getEpochSecond())
                .put("exp", until.getEpochSecond());
        return mark.signed(until, JwsSigner.sign(keys.signingKey(), TrustMark.TYP, claims.toString().getBytes(
                StandardCharsets.UTF_8)));
    }

    private Uni<Void> audited(Candidate candidate, String outcome, long started) {
        return audit.append(new AuditEvent(clock.instant(), ADMIN, candidate.member().entityId(), "conformance",
                Action.ADMIN, auditTarget(candidate.report().digest()), outcome, (int) ((System.nanoTime() - started)
                        / 1_000_000)));
    }

    /**
     * The digest's algorithm and first 16 hex digits: enough to find the mark, and too short to ever look like an
     * ID number, which audit targets must never resemble (REQ-PRIV-1).
     */
    private static String auditTarget(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, colon + 1 + 16);
    }

    private record Candidate(VerifiedReport report, MemberRecord member) {}
}
