package org.yimatong.tokens.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.assurance.AudiencePolicies;
import org.yimatong.tokens.assurance.AudiencePolicy;
import org.yimatong.tokens.exchange.ExchangeRequest;
import org.yimatong.tokens.exchange.TokenExchange;
import org.yimatong.tokens.idtoken.IdTokenValidator;
import org.yimatong.tokens.introspection.Introspection;
import org.yimatong.tokens.pairwise.PairwiseSubjects;
import org.yimatong.tokens.revocation.InMemoryRevocationList;
import org.yimatong.tokens.rotation.HubKey;
import org.yimatong.tokens.rotation.HubKeyList;
import org.yimatong.tokens.rotation.HubKeys;
import org.yimatong.tokens.rotation.KeyRotationPolicy;

/**
 * The token service wired as the hub wires it, with members A (Shanghai) and B (Jiangsu), departments
 * {@code dept-civil} (minimum substantial) and {@code dept-library} (minimum basic), and a clock tests move.
 */
public final class TestHub {

    public static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    public static final String CIVIL = "dept-civil";
    public static final String LIBRARY = "dept-library";

    public final MutableClock clock = new MutableClock(START);
    public final TestMember shanghai = new TestMember("ymt:member:310000", SignatureProfile.SM2);
    public final TestMember jiangsu = new TestMember("ymt:member:320000", SignatureProfile.ES256);
    public final TestMember.Directory directory = new TestMember.Directory().add(shanghai).add(jiangsu);
    public final InMemoryRevocationList revocations = new InMemoryRevocationList();
    public final Map<String, OperatorBinding> bindings = new HashMap<>();
    public final KeyRotationPolicy rotationPolicy;
    public final TokenSettings settings;
    public final MutableKeys keys;
    public final PairwiseSubjects pairwise = new PairwiseSubjects(new byte[32], PairwiseSubjects.Algorithm.HMAC_SM3);
    public final TokenExchange exchange;
    public final Introspection introspection;

    public TestHub(SignatureProfile signingProfile) {
        settings = TokenSettings.defaults(TestMember.HUB, TestMember.HUB_ISSUER).withSigningProfile(signingProfile);
        rotationPolicy = new KeyRotationPolicy(settings.accessTokenLifetime(), settings.clockSkew());
        keys = new MutableKeys(new HubKeyList(List.of(HubKey.startingAt(Jwk.generate(signingProfile), START)),
                rotationPolicy));
        AssurancePolicy assurance = new AssurancePolicy(AudiencePolicies.of(
                AudiencePolicy.of(CIVIL, LevelOfAssurance.SUBSTANTIAL),
                AudiencePolicy.of(LIBRARY, LevelOfAssurance.BASIC)));
        exchange = new TokenExchange(settings,
                new IdTokenValidator(TestMember.HUB, directory, IdTokenValidator.ALL_PROFILES, settings.clockSkew(),
                        clock),
                assurance, pairwise, (department, operator) -> Optional.ofNullable(bindings.get(department + "|"
                        + operator)),
                revocations, keys, clock);
        introspection = new Introspection(settings, keys, revocations, clock);
    }

    /** A form with a subject token and an audience, as a department posts it. */
    public static Map<String, List<String>> form(String subjectToken, String audience, String... more) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of("urn:ietf:params:oauth:grant-type:token-exchange"));
        form.put("subject_token", List.of(subjectToken));
        form.put("subject_token_type", List.of("urn:ietf:params:oauth:token-type:id_token"));
        form.put("audience", List.of(audience));
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], List.of(more[i + 1]));
        }
        return form;
    }

    /** Exchanges a Shanghai ID token of {@code sub} at {@code acr} as client {@code audience}. */
    public TokenExchange.IssuedToken exchange(String sub, LevelOfAssurance acr, String audience) {
        String idToken = shanghai.idToken(sub, acr.uri(), clock.instant());
        return exchange.exchange(audience, ExchangeRequest.fromForm(form(idToken, audience)));
    }

    /** The hub's current keys, swapped by rotations as the hub would. */
    public static final class MutableKeys implements HubKeys {
        private volatile HubKeyList list;

        MutableKeys(HubKeyList list) {
            this.list = list;
        }

        public HubKeyList list() {
            return list;
        }

        public void set(HubKeyList list) {
            this.list = list;
        }

        @Override
        public Jwk signingKey(SignatureProfile profile, Instant at) {
            return list.signingKey(profile, at);
        }

        @Override
        public JwkSet publishedKeys(Instant at) {
            return list.publishedKeys(at);
        }
    }

    public Duration lifetime() {
        return settings.accessTokenLifetime();
    }
}
