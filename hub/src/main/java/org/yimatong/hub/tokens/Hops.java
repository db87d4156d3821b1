package org.yimatong.hub.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The routing headers of a request crossing the tree (REQ-TOPO-3): {@code Ymt-Hop}, hops left (absent on the
 * first hop, meaning 8), and {@code Ymt-Path}, the entity ids passed, oldest first.
 */
record Hops(int left, List<String> path) {

    static final String HOP = "Ymt-Hop";
    static final String PATH = "Ymt-Path";
    static final int MAX = 8;

    /** A request that starts here. */
    static Hops first() {
        return new Hops(MAX, List.of());
    }

    /** Reads the headers; garbage is a 400, never a silent default. */
    static Hops of(String hop, String path) {
        int left = MAX;
        if (hop != null && !hop.isBlank()) {
            try {
                left = Integer.parseInt(hop.trim());
            } catch (NumberFormatException e) {
                left = -1;
            }
            if (left < 0 || left > MAX) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, HOP + " must be 0 to " + MAX);
            }
        }
        List<String> passed = path == null || path.isBlank() ? List.of()
                : Arrays.stream(path.split(",")).map(String::trim).toList();
        return new Hops(left, passed);
    }

    /** The hub where the request began, if it came through others. */
    Optional<String> origin() {
        return path.isEmpty() ? Optional.empty() : Optional.of(path.get(0));
    }

    /**
     * The headers for forwarding from {@code self}.
     *
     * @throws ProblemException 508 {@code loop-detected} if {@code self} was passed already or no hop is left
     */
    Hops forwardedBy(String self) {
        if (path.contains(self)) {
            throw new ProblemException(ProblemType.LOOP_DETECTED, "this request already passed " + self);
        }
        if (left <= 0) {
            throw new ProblemException(ProblemType.LOOP_DETECTED, "no hop left to forward this request");
        }
        List<String> next = new ArrayList<>(path);
        next.add(self);
        return new Hops(left - 1, List.copyOf(next));
    }

    String pathHeader() {
        return String.join(",", path);
    }
}
