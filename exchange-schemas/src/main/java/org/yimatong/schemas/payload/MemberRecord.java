package org.yimatong.schemas.payload;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A member record as administrators read and write it (DESIGN.md §3, REQ-REG-1); schema {@code member.json}.
 * {@code trustMarks}, {@code createdAt} and {@code updatedAt} are set by the hub and not validated on input.
 * {@code baseUrls}, when given, lists every endpoint of the member API in the order the hub tries them
 * (REQ-HA-3: a standby data centre after the primary), starting with {@code baseUrl}. {@code codePolicy} says how
 * long the member's dynamic codes may live (REQ-CODE-3); without one they live at most a minute.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberRecord(String entityId, String displayName, MemberKind kind, List<String> regionPrefixes,
        String parent, URI baseUrl, List<URI> baseUrls, String dialect, String tlsCertSha256, JwkSet jwks, URI jwksUri,
        MemberStatus status, CodePolicy codePolicy, List<TrustMark> trustMarks, Instant createdAt, Instant updatedAt)
        implements Validatable {

    /** Endpoints a member may register: a primary and its standbys. */
    public static final int MAX_BASE_URLS = 4;

    /** A record without a code policy: the member's codes live at most a minute. */
    public MemberRecord(String entityId, String displayName, MemberKind kind, List<String> regionPrefixes,
            String parent, URI baseUrl, List<URI> baseUrls, String dialect, String tlsCertSha256, JwkSet jwks,
            URI jwksUri, MemberStatus status, List<TrustMark> trustMarks, Instant createdAt, Instant updatedAt) {
        this(entityId, displayName, kind, regionPrefixes, parent, baseUrl, baseUrls, dialect, tlsCertSha256, jwks,
                jwksUri, status, null, trustMarks, createdAt, updatedAt);
    }

    /** The same record under another code policy ({@code null}: none). */
    public MemberRecord withCodePolicy(CodePolicy policy) {
        return new MemberRecord(entityId, displayName, kind, regionPrefixes, parent, baseUrl, baseUrls, dialect,
                tlsCertSha256, jwks, jwksUri, status, policy, trustMarks, createdAt, updatedAt);
    }

    /**
     * What other members may see: no base URL, no certificate fingerprint. Trust marks are public, and so is the code
     * policy: every hub a code passes makes the time checks, and a checkpoint may show how long a code is good for.
     */
    public MemberPublicView publicView() {
        return new MemberPublicView(entityId, displayName, kind, regionPrefixes, parent, status, jwksUri, codePolicy,
                trustMarks);
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .requiredMatching("/entityId", entityId, Patterns.ENTITY_ID)
                .required("/displayName", displayName)
                .length("/displayName", displayName, 1, 100)
                .required("/kind", kind);
        if (c.present("/regionPrefixes", regionPrefixes)) {
            // a hub routes by its prefixes; a platform without any is a client that is never routed to
            if (kind == MemberKind.HUB) {
                c.notEmpty("/regionPrefixes", regionPrefixes);
            }
            c.eachMatches("/regionPrefixes", regionPrefixes, Patterns.REGION_PREFIX)
                    .check(regionPrefixes.stream().distinct().count() == regionPrefixes.size(), "/regionPrefixes",
                            "must not repeat a prefix");
        }
        if (c.present("/baseUrl", baseUrl)) {
            c.httpsOrLoopback("/baseUrl", baseUrl);
        }
        if (baseUrls != null) {
            c.check(!baseUrls.isEmpty() && baseUrls.size() <= MAX_BASE_URLS, "/baseUrls",
                    "lists 1 to " + MAX_BASE_URLS + " endpoints")
                    .check(baseUrls.isEmpty() || baseUrls.get(0).equals(baseUrl), "/baseUrls",
                            "must start with baseUrl, the endpoint tried first")
                    .check(baseUrls.stream().distinct().count() == baseUrls.size(), "/baseUrls",
                            "must not repeat an endpoint");
            for (int i = 0; i < baseUrls.size(); i++) {
                c.httpsOrLoopback("/baseUrls/" + i, baseUrls.get(i));
            }
        }
        return c.requiredMatching("/parent", parent, Patterns.ENTITY_ID)
                .requiredMatching("/dialect", dialect, Patterns.DIALECT)
                .matches("/tlsCertSha256", tlsCertSha256, Patterns.HEX_256)
                .httpsOrLoopback("/jwksUri", jwksUri)
                .required("/status", status)
                .nested("/codePolicy", codePolicy == null ? List.of() : codePolicy.validate())
                .errors();
    }
}
