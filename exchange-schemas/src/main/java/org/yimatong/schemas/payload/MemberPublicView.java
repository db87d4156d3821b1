package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;

import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/members[/{id}]}; schema {@code member-public.json}. {@code trustMarks}: the conformance results
 * earned; {@code codePolicy}: how long the member's codes may live (absent: a minute).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberPublicView(String entityId, String displayName, MemberKind kind, List<String> regionPrefixes,
        String parent, MemberStatus status, URI jwksUri, CodePolicy codePolicy, List<TrustMark> trustMarks) {

    /** A view without a code policy. */
    public MemberPublicView(String entityId, String displayName, MemberKind kind, List<String> regionPrefixes,
            String parent, MemberStatus status, URI jwksUri, List<TrustMark> trustMarks) {
        this(entityId, displayName, kind, regionPrefixes, parent, status, jwksUri, null, trustMarks);
    }

    /** The view at {@code now}: trust marks past their expiry marked expired. */
    public MemberPublicView asOf(java.time.Instant now) {
        return new MemberPublicView(entityId, displayName, kind, regionPrefixes, parent, status, jwksUri, codePolicy,
                trustMarks == null ? null : trustMarks.stream().map(mark -> mark.asOf(now)).toList());
    }
}
