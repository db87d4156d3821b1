package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;

/** {@code GET /v1/members[/{id}]}; schema {@code member-public.json}. {@code trustMarks}: the conformance results earned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberPublicView(String entityId, String displayName, MemberKind kind, List<String> regionPrefixes,
        String parent, MemberStatus status, URI jwksUri, List<TrustMark> trustMarks) {
}
