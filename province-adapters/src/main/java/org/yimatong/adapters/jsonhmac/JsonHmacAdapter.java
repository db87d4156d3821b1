package org.yimatong.adapters.jsonhmac;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Answers;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.ListSubjects;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A platform with a signed JSON API. Every request carries {@code appKey}, {@code timestamp} (epoch
 * milliseconds), {@code nonce} and {@code sign} (see {@link HmacQuerySigner}); credentials are
 * {@code (appKey, appSecret)}.
 *
 * <ul>
 * <li>verify: {@code GET /api/v2/healthcode/status?code=&checkpointId=&checkpointRegion=}</li>
 * <li>green lookup: {@code GET /api/v2/subject/status?sub=}</li>
 * <li>appeal: {@code POST /api/v2/appeals}, form body {@code sub, ground, statement, hubAppealId}</li>
 * </ul>
 * Answer envelope {@code {"code":0,"msg":..,"data":{..}}}: code 0 ok, 40001/40002/40003 (bad signature, stale
 * timestamp, unknown appKey) are credential refusals, 40401 not found; {@code data.color} is the integer 0 red,
 * 1 green, 2 yellow and nothing else (not {@code "1"}, not {@code 1.0}). A verify answer's {@code data.sub}, when
 * the platform gives it, is the holder's list pseudonym and becomes {@code listSub} (checked: 64 lowercase hex).
 * Other members of {@code data} (a masked name, an expiry) are ignored and never passed on.
 */
public final class JsonHmacAdapter implements MemberAdapter {

    public static final String DIALECT = "json-hmac";
    /** Member of {@code data} in a verify answer holding the holder's list pseudonym, if the platform gives it. */
    public static final String LIST_SUB = "sub";

    private final MemberEndpoint endpoint;
    private final AdapterContext context;

    public JsonHmacAdapter(MemberEndpoint endpoint, AdapterContext context) {
        if (endpoint.credentials().id().isBlank() || endpoint.credentials().secret().isEmpty()) {
            throw new IllegalArgumentException(endpoint.member() + ": json-hmac needs appKey and appSecret");
        }
        this.endpoint = endpoint;
        this.context = context;
        Answers.validity(endpoint);
    }

    @Override
    public MemberEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.VERIFY, Operation.GREEN_LOOKUP, Operation.APPEAL);
    }

    @Override
    public CompletionStage<VerificationResult> verify(VerificationRequest request, Forwarding forwarding) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", request.code());
        if (request.checkpoint() != null) {
            parameters.put("checkpointId", request.checkpoint().id());
            parameters.put("checkpointRegion", request.checkpoint().region());
        }
        return get("/api/v2/healthcode/status", parameters, data -> {
            Status status = status(data);
            Instant now = Answers.now(context.clock());
            return new VerificationResult(status.status, endpoint.member(), AnswerSource.LIVE, now,
                    now.plus(Answers.validity(endpoint)), status.reason, listSub(data));
        });
    }

    /**
     * {@code data.sub}: the holder's list pseudonym, which this platform can give since it holds the list key (its
     * green lookups are by that pseudonym). Absent: no {@code listSub}; present but not 64 lowercase hex: a bad
     * answer.
     */
    private String listSub(JsonNode data) {
        JsonNode sub = data == null ? null : data.get(LIST_SUB);
        if (sub == null) {
            return null;
        }
        if (!sub.isTextual() || !ListSubjects.isPseudonym(sub.textValue())) {
            throw bad("data.sub is not a list pseudonym");
        }
        return sub.textValue();
    }

    @Override
    public CompletionStage<GreenLookupResult> greenLookup(GreenLookupRequest request, Forwarding forwarding) {
        return get("/api/v2/subject/status", Map.of("sub", request.sub()), data -> {
            Status status = status(data);
            Instant now = Answers.now(context.clock());
            return new GreenLookupResult(status.status, AnswerSource.LIVE, endpoint.member(), now,
                    now.plus(Answers.validity(endpoint)), status.reason);
        });
    }

    @Override
    public CompletionStage<AppealAcknowledgement> submitAppeal(String appealId, AppealRequest request,
            Forwarding forwarding) {
        Map<String, String> parameters = signed(Map.of("sub", request.sub(), "ground", request.ground().name(),
                "statement", request.statement(), "hubAppealId", appealId));
        HttpCall post = HttpCall.post(endpoint.resolve("/api/v2/appeals"),
                "application/x-www-form-urlencoded; charset=utf-8",
                HmacQuerySigner.signedQuery(endpoint.credentials().secret(), parameters))
                .header("Accept", "application/json");
        return NativeCalls.send(context.http(), endpoint, post,
                response -> {
                    JsonNode data = okData(response);
                    if (data == null) {
                        throw MemberProblem.refused(endpoint.member(), ProblemType.NOT_FOUND,
                                "does not know the subject");
                    }
                    JsonNode appealNo = data.get("appealNo");
                    if (appealNo == null || !appealNo.isTextual()
                            || !Patterns.HOME_REFERENCE.matcher(appealNo.textValue()).matches()) {
                        throw bad("appeal answer without a usable appealNo");
                    }
                    return new AppealAcknowledgement(appealNo.textValue(), Answers.now(context.clock()));
                });
    }

    private record Status(VerificationStatus status, ReasonCode reason) {}

    /** The colour in {@code data}; {@code null} data is the not-found answer. */
    private Status status(JsonNode data) {
        if (data == null) {
            return new Status(VerificationStatus.UNKNOWN, ReasonCode.NOT_FOUND_AT_HOME);
        }
        JsonNode color = data.get("color");
        if (color == null || !color.isIntegralNumber() || !color.canConvertToInt()) {
            throw bad("data.color is missing or not an integer");
        }
        return switch (color.intValue()) {
            case 0 -> new Status(VerificationStatus.RED, null);
            case 1 -> new Status(VerificationStatus.GREEN, null);
            case 2 -> new Status(VerificationStatus.YELLOW, null);
            default -> throw bad("unknown data.color");
        };
    }

    private <T> CompletionStage<T> get(String path, Map<String, String> parameters, Function<JsonNode, T> read) {
        String query = HmacQuerySigner.signedQuery(endpoint.credentials().secret(), signed(parameters));
        HttpCall get = HttpCall.get(endpoint.resolve(path + "?" + query)).header("Accept", "application/json");
        return NativeCalls.send(context.http(), endpoint, get,
                response -> read.apply(okData(response)));
    }

    /** {@code parameters} plus appKey, timestamp and nonce (not yet {@code sign}). */
    private Map<String, String> signed(Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("appKey", endpoint.credentials().id());
        all.put("timestamp", Long.toString(context.clock().millis()));
        all.put("nonce", context.nonces().get());
        return all;
    }

    /** {@code data} of an ok answer, {@code null} for the not-found answer; everything else throws. */
    private JsonNode okData(HttpAnswer response) {
        JsonNode answer = NativeCalls.okJson(endpoint.member(), response);
        JsonNode code = answer.get("code");
        if (!answer.isObject() || code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            throw bad("answer without an integer code");
        }
        switch (code.intValue()) {
            case 0 -> {
                JsonNode data = answer.get("data");
                if (data == null || !data.isObject()) {
                    throw bad("ok answer without a data object");
                }
                return data;
            }
            case 40001, 40002, 40003 -> throw MemberProblem.credentialsRefused(endpoint.member(),
                    "code " + code.intValue());
            case 40401 -> {
                return null;
            }
            default -> throw bad("answer code " + code.intValue());
        }
    }

    private MemberProblem bad(String detail) {
        return MemberProblem.badAnswer(endpoint.member(), detail);
    }
}
