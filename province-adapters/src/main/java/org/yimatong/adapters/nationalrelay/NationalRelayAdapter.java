package org.yimatong.adapters.nationalrelay;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Answers;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The national relay's code check: {@code POST <baseUrl>/relay/healthcode/v1/check} with headers
 * {@code X-Relay-App-Id}/{@code X-Relay-App-Key} (the credentials) and body
 * {@code {"bizExtData":<the scanned code>,"checkPointCode":..,"checkPointRegion":..,"timestamp":<ms>}}.
 *
 * <p>Answer {@code {"code":"0","message":..,"data":{"riskLevel":"00|01|02","desensitizeName":..,
 * "desensitizeCardId":..}}}: {@code 00} low = GREEN, {@code 01} medium = YELLOW, {@code 02} high = RED; code
 * {@code "10001"} credentials refused, {@code "20001"} the bizExtData is unknown or expired (UNKNOWN,
 * NOT_FOUND_AT_HOME). Only {@code riskLevel} is read: the masked name and ID are personal data the hub must not
 * hold (REQ-PRIV-1), so they are never copied, logged, or quoted in a problem.
 *
 * <p>No {@code listSub} (REQ-VER-5): the relay gives neither a usable number ({@code desensitizeCardId} is masked,
 * {@code 440106********1234}, and a pseudonym of a mask would name nobody) nor a pseudonym, so its answers carry
 * none and the hub cannot merge them with its list state.
 */
public final class NationalRelayAdapter implements MemberAdapter {

    public static final String DIALECT = "national-relay";
    public static final String CHECK_PATH = "/relay/healthcode/v1/check";

    private final MemberEndpoint endpoint;
    private final AdapterContext context;

    public NationalRelayAdapter(MemberEndpoint endpoint, AdapterContext context) {
        if (endpoint.credentials().id().isBlank() || endpoint.credentials().secret().isEmpty()) {
            throw new IllegalArgumentException(endpoint.member() + ": national-relay needs app id and app key");
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
        return EnumSet.of(Operation.VERIFY);
    }

    @Override
    public CompletionStage<VerificationResult> verify(VerificationRequest request, Forwarding forwarding) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("bizExtData", request.code());
        if (request.checkpoint() != null) {
            body.put("checkPointCode", request.checkpoint().id());
            body.put("checkPointRegion", request.checkpoint().region());
        }
        body.put("timestamp", context.clock().millis());
        byte[] json;
        try {
            json = StrictJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request not serialisable", e));
        }
        HttpCall post = HttpCall.post(endpoint.resolve(CHECK_PATH), "application/json; charset=utf-8", json)
                .header("Accept", "application/json")
                .header("X-Relay-App-Id", endpoint.credentials().id())
                .header("X-Relay-App-Key", endpoint.credentials().secret());
        return NativeCalls.send(context.http(), endpoint, post,
                response -> {
                    RiskAnswer risk = read(response);
                    Instant now = Answers.now(context.clock());
                    return new VerificationResult(risk.status(), endpoint.member(), AnswerSource.LIVE, now,
                            now.plus(Answers.validity(endpoint)), risk.reason());
                });
    }

    /** All the adapter keeps of an answer: no name, no ID. */
    record RiskAnswer(VerificationStatus status, ReasonCode reason) {}

    RiskAnswer read(HttpAnswer response) {
        JsonNode answer = NativeCalls.okJson(endpoint.member(), response);
        JsonNode code = answer.get("code");
        if (!answer.isObject() || code == null || !code.isTextual()) {
            throw bad("answer without a code string");
        }
        switch (code.textValue()) {
            case "0" -> {
                // fall through to data
            }
            case "10001" -> throw MemberProblem.credentialsRefused(endpoint.member(), "code 10001");
            case "20001" -> {
                return new RiskAnswer(VerificationStatus.UNKNOWN, ReasonCode.NOT_FOUND_AT_HOME);
            }
            default -> throw bad("answer code " + (code.textValue().matches("[0-9]{1,8}") ? code.textValue()
                    : "unreadable"));
        }
        JsonNode risk = answer.path("data").get("riskLevel");
        if (risk == null || !risk.isTextual()) {
            throw bad("ok answer without data.riskLevel");
        }
        return switch (risk.textValue()) {
            case "00" -> new RiskAnswer(VerificationStatus.GREEN, null);
            case "01" -> new RiskAnswer(VerificationStatus.YELLOW, null);
            case "02" -> new RiskAnswer(VerificationStatus.RED, null);
            default -> throw bad("unknown riskLevel");
        };
    }

    private MemberProblem bad(String detail) {
        return MemberProblem.badAnswer(endpoint.member(), detail);
    }
}
