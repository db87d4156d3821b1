package org.yimatong.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The verification flow (DESIGN.md §6), top to bottom: decode the code, check it and choose the route, call home
 * or parent, merge with list state, keep only what the purpose discloses; then, whatever happened, audit. Each step answers a new, immutable
 * {@link Verification} as the body of the next. A refusal leaves the route as the exchange's
 * exception, after its audit event is committed.
 */
@ApplicationScoped
public class VerificationRoutes extends RouteBuilder {

    private final DecodeCode decodeCode;
    private final CheckCode checkCode;
    private final CallHome callHome;
    private final MergeListState mergeListState;
    private final ApplyDisclosure applyDisclosure;
    private final AuditVerification audit;

    public VerificationRoutes(DecodeCode decodeCode, CheckCode checkCode, CallHome callHome,
            MergeListState mergeListState, ApplyDisclosure applyDisclosure, AuditVerification audit) {
        this.decodeCode = decodeCode;
        this.checkCode = checkCode;
        this.callHome = callHome;
        this.mergeListState = mergeListState;
        this.applyDisclosure = applyDisclosure;
        this.audit = audit;
    }

    @Override
    public void configure() {
        from("{{ymt.verification.route-uri:direct:verify}}").routeId("verify")
                .doTry()
                .process(decodeCode).id("decode-code")
                .process(checkCode).id("check-code")
                .process(callHome).id("call-home")
                .process(mergeListState).id("merge-list-state")
                .process(applyDisclosure).id("apply-disclosure")
                .doFinally()
                .process(audit).id("audit-verification")
                .end();
    }
}
