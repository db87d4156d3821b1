package org.yimatong.adapters.v1;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.MemberAnswers;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pass-through to a member that speaks the v1 member contract. Requests go out as the contract's JSON with
 * {@code Ymt-Hop}/{@code Ymt-Path} and the hub's own authentication headers; answers are read strictly (duplicate
 * members refused, every required field present, enums from the dictionary, {@code source} LIVE). A verification
 * answer's {@code listSub} (the subject's list pseudonym, REQ-VER-5) is passed on as the member gave it; one that is
 * not 64 lowercase hex is a bad answer. The request carries {@code disclose} and {@code policyVersion} on, never
 * {@code requires} or {@code operatorToken}; the answer's {@code attestations} (checked against the contract) are
 * passed on only as far as {@code disclose} named them: anything else the member tells is dropped (REQ-PRIV-1). A
 * problem answer of the contract (4xx, 508) is relayed with its type;
 * 401/403 are credential refusals.
 */
public final class V1Adapter implements MemberAdapter {

    public static final String DIALECT = "v1";

    private static final ObjectMapper JSON = PayloadJson.mapper();
    private static final String JSON_TYPE = "application/json";
    private static final Pattern APPEAL_ID = Patterns.RESOURCE_ID;

    private final MemberEndpoint endpoint;
    private final AdapterContext context;

    public V1Adapter(MemberEndpoint endpoint, AdapterContext context) {
        this.endpoint = endpoint;
        this.context = context;
    }

    @Override
    public MemberEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.VERIFY, Operation.VERIFY_NATIVE, Operation.GREEN_LOOKUP, Operation.KEY_SET,
                Operation.APPEAL, Operation.VENUE_SCAN);
    }

    @Override
    public CompletionStage<VerificationResult> verify(VerificationRequest request, Forwarding forwarding) {
        // the member contract's request: what the hub asks to see, never the checkpoint's rules or operator session
        VerificationRequest toMember = new VerificationRequest(request.code(), request.checkpoint(),
                request.purpose(), request.disclose(), null, request.policyVersion(), null);
        Set<Attestation> asked = request.disclosed();
        return post("/member/v1/verifications", toMember, forwarding, Map.of(), response -> {
            JsonNode answer = expect(response, 200);
            VerificationResult result = convert(answer, VerificationResult.class);
            JsonNode listSub = answer.get("listSub");
            require(listSub == null || listSub.isTextual(), "verification answer has a listSub that is not a string");
            MemberAnswers.verificationFault(result, true).ifPresent(fault -> require(false, fault));
            // what a member tells beyond what was asked stays here (REQ-PRIV-1)
            return result.attestations() == null ? result
                    : result.disclosing(result.attestations().only(asked), result.meets(), result.withheld(),
                            result.policyVersion());
        });
    }

    /**
     * Gansu's own code string ({@link GansuNativeCode}), checked live as the member's signed codes are: the request
     * goes to {@code POST /member/v1/verifications} with the string as its {@code code} (the contract allows a
     * member's native code there) and the answer is read as {@link #verify}'s, so it is {@code LIVE} or the member's
     * refusal. A string that is not such a code, or whose check character is wrong, is refused {@code not-found}
     * without asking the member.
     */
    @Override
    public CompletionStage<VerificationResult> verifyNative(VerificationRequest request, Forwarding forwarding) {
        if (request == null || GansuNativeCode.RECOGNISER.recognise(request.code()).isEmpty()) {
            return CompletableFuture.failedFuture(MemberProblem.refused(endpoint.member(), ProblemType.NOT_FOUND,
                    "not a native code of dialect " + DIALECT));
        }
        return verify(request, forwarding);
    }

    @Override
    public CompletionStage<GreenLookupResult> greenLookup(GreenLookupRequest request, Forwarding forwarding) {
        return post("/member/v1/green-lookups", request, forwarding, Map.of(), response -> {
            JsonNode answer = expect(response, 200);
            GreenLookupResult result = convert(answer, GreenLookupResult.class);
            MemberAnswers.greenLookupFault(result, true).ifPresent(fault -> require(false, fault));
            return result;
        });
    }

    @Override
    public CompletionStage<JwkSet> keySet() {
        HttpCall get = HttpCall.get(endpoint.resolve("/member/v1/jwks"))
                .header("Accept", "application/jwk-set+json, application/json");
        return NativeCalls.send(context.http(), endpoint, get, response -> {
            JsonNode answer = expect(response, 200);
            try {
                return JwkSet.parse(answer);
            } catch (ProblemException e) {
                throw MemberProblem.badAnswer(endpoint.member(), "key set outside the contract: " + e.getMessage(),
                        e.errors());
            }
        });
    }

    @Override
    public CompletionStage<AppealAcknowledgement> submitAppeal(String appealId, AppealRequest request,
            Forwarding forwarding) {
        if (appealId == null || !APPEAL_ID.matcher(appealId).matches()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("bad appeal id"));
        }
        return post("/member/v1/appeals", request, forwarding, Map.of("Ymt-Appeal-Id", appealId), response -> {
            JsonNode answer = expect(response, 202);
            AppealAcknowledgement ack = convert(answer, AppealAcknowledgement.class);
            require(ack.homeReference() != null && Patterns.HOME_REFERENCE.matcher(ack.homeReference()).matches()
                    && ack.receivedAt() != null, "acknowledgement lacks homeReference or receivedAt");
            return ack;
        });
    }

    /**
     * {@code POST /member/v1/venue-scans} with {@code Ymt-Scan-Id} = the record's {@code scanId}, so the member keeps
     * a redelivered scan once. Any 2xx is taken. A 4xx problem of the contract is {@code REFUSED} with its type (the
     * hub stops redelivering), except 429, which says "later" and so is a {@code SERVER_ERROR} like a 5xx; 401/403
     * are refused credentials; timeouts and unreachable members their own kinds: all of those are redelivered.
     */
    @Override
    public CompletionStage<Void> deliverVenueScan(VenueScanRecord record, Forwarding forwarding) {
        if (record == null || !record.validate().isEmpty()) {
            // the hub's own record: never sent half-formed to a member, which would refuse it for good
            return CompletableFuture.failedFuture(new IllegalArgumentException("venue scan record is not valid"));
        }
        return post("/member/v1/venue-scans", record, forwarding, Map.of("Ymt-Scan-Id", record.scanId()),
                response -> {
                    if (response.status() == ProblemType.QUOTA_EXCEEDED.status()) {
                        throw MemberProblem.serverError(endpoint.member(), response.status());
                    }
                    if (response.status() < 200 || response.status() > 299) {
                        expect(response, 204); // throws the problem the answer is
                    }
                    return null;
                });
    }

    private <T> CompletionStage<T> post(String path, Object body, Forwarding forwarding, Map<String, String> extra,
            Function<HttpAnswer, T> read) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request not serialisable", e));
        }
        HttpCall post = HttpCall.post(endpoint.resolve(path), JSON_TYPE, json)
                .header("Accept", JSON_TYPE + ", application/problem+json")
                .header("Ymt-Hop", Integer.toString(forwarding.hopsLeft()));
        if (!forwarding.path().isEmpty()) {
            post = post.header("Ymt-Path", forwarding.pathHeader());
        }
        post = post.headers(context.callerHeaders().apply(endpoint)).headers(extra);
        return NativeCalls.send(context.http(), endpoint, post, read);
    }

    /** The JSON body of a {@code status} answer; a contract problem or anything else fails. */
    private JsonNode expect(HttpAnswer response, int status) {
        int actual = response.status();
        String member = endpoint.member();
        if (actual == ProblemType.LOOP_DETECTED.status() && relayable(response) == ProblemType.LOOP_DETECTED) {
            // a loop further down is the federation's answer, not the member failing
            throw MemberProblem.refused(member, ProblemType.LOOP_DETECTED, "refused the request (loop-detected)");
        }
        NativeCalls.refuseServerError(member, actual);
        if (actual == 401 || actual == 403) {
            throw MemberProblem.credentialsRefused(member, "HTTP " + actual);
        }
        if (actual != status) {
            ProblemType relayed = actual >= 400 ? relayable(response) : null;
            if (relayed != null) {
                throw MemberProblem.refused(member, relayed, "refused the request (" + relayed.slug() + ")");
            }
            throw MemberProblem.badAnswer(member, "answered HTTP " + actual + ", expected " + status);
        }
        try {
            return StrictJson.read(response.body());
        } catch (IOException e) {
            throw MemberProblem.badAnswer(member, "answer is not JSON");
        }
    }

    /** The contract problem type of a 4xx/508 problem answer, if it is one the member may give. */
    private static ProblemType relayable(HttpAnswer response) {
        try {
            return ProblemType.relayable(response.status(), StrictJson.read(response.body()).path("type").asText(null))
                    .orElse(null);
        } catch (IOException e) {
            return null; // not a problem document
        }
    }

    private <T> T convert(JsonNode answer, Class<T> type) {
        if (!answer.isObject()) {
            throw MemberProblem.badAnswer(endpoint.member(), "answer is not a JSON object");
        }
        try {
            return JSON.treeToValue(answer, type);
        } catch (IOException | IllegalArgumentException e) {
            throw MemberProblem.badAnswer(endpoint.member(), "answer outside the contract (" + type.getSimpleName()
                    + ")");
        }
    }

    private void require(boolean condition, String detail) {
        if (!condition) {
            throw MemberProblem.badAnswer(endpoint.member(), detail);
        }
    }
}
