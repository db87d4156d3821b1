package org.yimatong.tokens.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.TokenExchangeRequest;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

/**
 * A token exchange request whose parameters have been checked (RFC 8693 §2.1).
 *
 * @param target the one audience the token is for: {@code audience}, or {@code resource} when no audience is
 *     given (RFC 8707); the pairwise {@code sub} and the level policy are per target
 * @param requestedAcr the levels the client asked for with {@code acr_values}, empty for none
 */
public record ExchangeRequest(String subjectToken, String subjectTokenType, Optional<String> actorToken,
        Optional<String> actorTokenType, String target, List<LevelOfAssurance> requestedAcr) {

    /** The subject and actor token types accepted: ID tokens from members' login services. */
    public static final Set<String> ACCEPTED_TOKEN_TYPES = Set.of(TokenExchangeRequest.ID_TOKEN,
            TokenExchangeRequest.JWT);
    private static final int MAX_TOKEN_LENGTH = 8192;

    public ExchangeRequest {
        Objects.requireNonNull(subjectToken, "subjectToken");
        Objects.requireNonNull(subjectTokenType, "subjectTokenType");
        Objects.requireNonNull(actorToken, "actorToken");
        Objects.requireNonNull(actorTokenType, "actorTokenType");
        Objects.requireNonNull(target, "target");
        requestedAcr = List.copyOf(requestedAcr);
    }

    /**
     * Reads the form parameters of {@code POST /v1/token}. Parameters it does not know (e.g. the client
     * authentication ones, which the hub has already checked) are ignored as RFC 6749 §3.2 says.
     *
     * @param form the decoded form, each name with all its values
     * @throws TokenException {@code unsupported_grant_type} for another {@code grant_type};
     *     {@code invalid_request} ({@code validation-failed}, every fault as a field error) for a missing,
     *     repeated or unacceptable parameter; {@code invalid_request} ({@code unknown-level-of-assurance}) for
     *     an unknown level in {@code acr_values}; {@code invalid_target} ({@code validation-failed}) for no target,
     *     several targets, or an audience and a resource that differ
     */
    public static ExchangeRequest fromForm(Map<String, List<String>> form) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> grantType = single(form, "grant_type", errors);
        if (errors.isEmpty() && grantType.isPresent() && !grantType.get().equals(TokenExchangeRequest.GRANT_TYPE)) {
            throw new TokenException(OAuthError.UNSUPPORTED_GRANT_TYPE, ProblemType.VALIDATION_FAILED,
                    "grant_type must be " + TokenExchangeRequest.GRANT_TYPE,
                    List.of(new FieldError("/grant_type", "unsupported")));
        }
        if (grantType.isEmpty()) {
            errors.add(new FieldError("/grant_type", "required"));
        }
        Optional<String> subjectToken = token(form, "subject_token", errors);
        Optional<String> subjectTokenType = tokenType(form, "subject_token_type", subjectToken.isPresent(), errors);
        Optional<String> actorToken = token(form, "actor_token", errors);
        Optional<String> actorTokenType = tokenType(form, "actor_token_type", actorToken.isPresent(), errors);
        if (actorToken.isEmpty() && actorTokenType.isPresent()) {
            errors.add(new FieldError("/actor_token_type", "only allowed with actor_token"));
        }
        Optional<String> requested = single(form, "requested_token_type", errors);
        if (requested.isPresent() && !requested.get().equals(TokenExchangeRequest.ACCESS_TOKEN)) {
            errors.add(new FieldError("/requested_token_type", "only " + TokenExchangeRequest.ACCESS_TOKEN
                    + " is issued"));
        }
        Optional<String> acrValues = single(form, "acr_values", errors);
        if (!errors.isEmpty()) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.VALIDATION_FAILED,
                    "invalid token exchange request", errors);
        }
        List<LevelOfAssurance> acr = new ArrayList<>();
        acrValues.ifPresent(v -> {
            for (String value : v.trim().split(" +")) {
                acr.add(AssurancePolicy.parse(value, OAuthError.INVALID_REQUEST));
            }
        });
        return new ExchangeRequest(subjectToken.orElseThrow(), subjectTokenType.orElseThrow(), actorToken,
                actorTokenType, target(form), acr);
    }

    /** Whether this request asks for delegation. */
    public boolean hasActor() {
        return actorToken.isPresent();
    }

    private static String target(Map<String, List<String>> form) {
        List<String> audiences = values(form, "audience");
        List<String> resources = values(form, "resource");
        if (audiences.size() > 1 || resources.size() > 1) {
            throw invalidTarget("a token is issued for exactly one audience");
        }
        if (audiences.isEmpty() && resources.isEmpty()) {
            throw invalidTarget("audience (or resource) is required");
        }
        if (!audiences.isEmpty() && !resources.isEmpty() && !audiences.get(0).equals(resources.get(0))) {
            throw invalidTarget("audience and resource name different targets");
        }
        String target = audiences.isEmpty() ? resources.get(0) : audiences.get(0);
        if (target.isEmpty() || target.length() > 256) {
            throw invalidTarget("audience must be 1 to 256 characters");
        }
        return target;
    }

    private static TokenException invalidTarget(String detail) {
        return new TokenException(OAuthError.INVALID_TARGET, ProblemType.VALIDATION_FAILED, detail,
                List.of(new FieldError("/audience", detail)));
    }

    private static Optional<String> token(Map<String, List<String>> form, String name, List<FieldError> errors) {
        Optional<String> token = single(form, name, errors);
        if (token.isPresent() && token.get().length() > MAX_TOKEN_LENGTH) {
            errors.add(new FieldError("/" + name, "longer than " + MAX_TOKEN_LENGTH + " characters"));
            return Optional.empty();
        }
        if (token.isEmpty() && name.equals("subject_token") && values(form, name).isEmpty()) {
            errors.add(new FieldError("/" + name, "required"));
        }
        return token;
    }

    private static Optional<String> tokenType(Map<String, List<String>> form, String name, boolean required,
            List<FieldError> errors) {
        Optional<String> type = single(form, name, errors);
        if (type.isEmpty() && required && values(form, name).isEmpty()) {
            errors.add(new FieldError("/" + name, "required"));
        }
        if (type.isPresent() && !ACCEPTED_TOKEN_TYPES.contains(type.get())) {
            errors.add(new FieldError("/" + name, "must be " + TokenExchangeRequest.ID_TOKEN + " or "
                    + TokenExchangeRequest.JWT));
        }
        return type;
    }

    /** A parameter that may appear at most once (RFC 6749 §3.1); an empty value counts as absent. */
    private static Optional<String> single(Map<String, List<String>> form, String name, List<FieldError> errors) {
        List<String> values = values(form, name);
        if (values.size() > 1) {
            errors.add(new FieldError("/" + name, "must not be repeated"));
            return Optional.empty();
        }
        return values.stream().findFirst();
    }

    private static List<String> values(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }

    /** No tokens in logs. */
    @Override
    public String toString() {
        return "ExchangeRequest[subject_token_type=" + subjectTokenType + ", actor=" + hasActor() + ", target="
                + target + ", acr=" + requestedAcr + "]";
    }
}
