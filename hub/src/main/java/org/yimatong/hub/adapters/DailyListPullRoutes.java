package org.yimatong.hub.adapters;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * The daily pull of native list files: the schedule hands over one {@link DailyListPull.DailyPull} per publishing
 * member; each is fetched, converted and sent through the ingest route on its own, so a member whose file is
 * missing or bad fails alone (logged) and the others are taken in.
 */
@ApplicationScoped
public class DailyListPullRoutes extends RouteBuilder {

    public static final String PULL_ALL = "direct:daily-list-pulls";

    private final DailyListPull pull;

    public DailyListPullRoutes(DailyListPull pull) {
        this.pull = pull;
    }

    @Override
    public void configure() {
        from(PULL_ALL).routeId("daily-list-pulls")
                .split(body())
                .process(pull::pullOne).id("pull-one-member")
                .end();
    }
}
