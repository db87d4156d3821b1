package org.yimatong.adapters.spi;

import java.util.List;

/**
 * The routing headers of a forwarded request (DESIGN.md §1): hops left and entity ids passed. The hub computes
 * them; a {@code v1} adapter sends them as {@code Ymt-Hop}/{@code Ymt-Path}, native dialects have no place for
 * them (a native platform never forwards).
 */
public record Forwarding(int hopsLeft, List<String> path) {

    /** A first hop from this hub: 8 hops left, nothing passed yet. */
    public static final Forwarding FIRST_HOP = new Forwarding(8, List.of());

    public Forwarding {
        path = List.copyOf(path);
    }

    /** The {@code Ymt-Path} header value, or empty. */
    public String pathHeader() {
        return String.join(",", path);
    }
}
