package org.yimatong.hub.green;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The green lookup flow (REQ-GREEN-1), top to bottom: the answer from list state, then, for {@code live=true}, the
 * home's answer merged in; whatever happened, audit. Each step answers a new, immutable {@link GreenLookup}.
 */
@ApplicationScoped
public class GreenLookupRoutes extends RouteBuilder {

    public static final String URI = "direct:green-lookup";

    private final LookUpListing lookUpListing;
    private final AskHome askHome;
    private final AuditGreenLookup audit;

    public GreenLookupRoutes(LookUpListing lookUpListing, AskHome askHome, AuditGreenLookup audit) {
        this.lookUpListing = lookUpListing;
        this.askHome = askHome;
        this.audit = audit;
    }

    @Override
    public void configure() {
        from(URI).routeId("green-lookup")
                .doTry()
                .process(lookUpListing).id("look-up-listing")
                .process(askHome).id("ask-home")
                .doFinally()
                .process(audit).id("audit-green-lookup")
                .end();
    }
}
