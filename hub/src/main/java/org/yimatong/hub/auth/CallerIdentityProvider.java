package org.yimatong.hub.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.admin.AdminCredential;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns {@link CallerCredentials} into an identity with {@link Roles}: the admin token makes an operator; a
 * certificate or client assertion a member (through {@link CallerAuthenticator}), or this hub's parent. A refusal
 * keeps its problem (401 {@code invalid-client-assertion}, 403 {@code member-suspended}, 503 when the hub's database
 * cannot answer) as the cause of the {@link AuthenticationFailedException}, for the problem mapper.
 */
@ApplicationScoped
public class CallerIdentityProvider implements IdentityProvider<CallerCredentials> {

    /** The identity attribute holding the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "ymt.caller";
    private static final String OPERATOR_NAME = "operator";

    private final CallerAuthenticator authenticator;
    private final AdminCredential admin;

    public CallerIdentityProvider(CallerAuthenticator authenticator, AdminCredential admin) {
        this.authenticator = authenticator;
        this.admin = admin;
    }

    @Override
    public Class<CallerCredentials> getRequestType() {
        return CallerCredentials.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CallerCredentials credentials, AuthenticationRequestContext context) {
        if (credentials.authorization() != null && credentials.assertion() == null) {
            if (admin.matches(credentials.authorization())) {
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(OPERATOR_NAME)).addRole(Roles.OPERATOR).build());
            }
            if (!CallerAuthenticator.isBearer(credentials.authorization())) {
                return Uni.createFrom().failure(new AuthenticationFailedException(new ProblemException(
                        ProblemType.UNAUTHENTICATED, "Authorization takes a Bearer token")));
            }
            // a member's session (REQ-AUTH-2): one signature check per token, then a map lookup
            return Uni.createFrom().item(() -> authenticator.bySession(credentials.authorization(), credentials.tls()))
                    .map(CallerIdentityProvider::identity)
                    .onFailure(failure -> !(failure instanceof AuthenticationFailedException))
                    .transform(AuthenticationFailedException::new);
        }
        return authenticator.authenticate(credentials.assertion(), credentials.tls())
                .map(CallerIdentityProvider::identity)
                .onFailure(failure -> !(failure instanceof AuthenticationFailedException))
                .transform(AuthenticationFailedException::new);
    }

    private static SecurityIdentity identity(Caller caller) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.entityId()))
                .addAttribute(CALLER_ATTRIBUTE, caller);
        if (caller.kind() == Caller.Kind.PARENT) {
            return identity.addRole(Roles.HUB).build();
        }
        Member member = caller.member().orElseThrow();
        identity.addRole(Roles.MEMBER);
        if (member.kind() == MemberKind.HUB) {
            identity.addRole(Roles.HUB);
        } else if (member.regionPrefixes().isEmpty()) {
            identity.addRole(Roles.CLIENT);
        } else {
            identity.addRole(Roles.PLATFORM);
        }
        return identity.build();
    }
}
