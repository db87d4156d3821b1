package org.yimatong.hub.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The loop guard a request carries through the tree (REQ-TOPO-3): {@code Ymt-Hop} (hops left, absent means
 * {@value #MAX}) and {@code Ymt-Path} (entity ids passed, oldest first).
 */
public record Hops(int left, List<String> path) {

    public static final String HOP_HEADER = "Ymt-Hop";
    public static final String PATH_HEADER = "Ymt-Path";
    public static final int MAX = 8;

    private static final int MAX_PATH_LENGTH = 1024;
    private static final Pattern ENTITY_ID = Pattern.compile("ymt:(hub|member):[A-Za-z0-9._-]+");

    public Hops {
        path = List.copyOf(path);
    }

    /**
     * Reads the two headers as they arrived (either may be {@code null}).
     *
     * @throws ProblemException {@code VALIDATION_FAILED} for a header outside the contract
     */
    public static Hops fromHeaders(String hop, String path) {
        List<FieldError> errors = new ArrayList<>();
        int left = MAX;
        if (hop != null) {
            try {
                left = Integer.parseInt(hop.trim());
            } catch (NumberFormatException e) {
                left = -1;
            }
            if (left < 0 || left > MAX) {
                errors.add(new FieldError("/headers/" + HOP_HEADER, "must be an integer from 0 to " + MAX));
            }
        }
        List<String> ids = new ArrayList<>();
        if (path != null && !path.isBlank()) {
            if (path.length() > MAX_PATH_LENGTH) {
                errors.add(new FieldError("/headers/" + PATH_HEADER, "at most " + MAX_PATH_LENGTH + " characters"));
            } else {
                for (String id : path.split(",", -1)) {
                    String trimmed = id.trim();
                    if (!ENTITY_ID.matcher(trimmed).matches()) {
                        errors.add(new FieldError("/headers/" + PATH_HEADER, "must be comma-separated entity ids"));
                        break;
                    }
                    ids.add(trimmed);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Routing headers are invalid", errors);
        }
        return new Hops(left, ids);
    }

    /**
     * The routing headers as far as the caller may set them: only a hub forwards a request, so only a hub's path
     * counts, and it must end with itself; a platform or client starts a new path whatever it sent (its hop count
     * is kept: it can only shorten its own request's way). So the origin of a path is always an authenticated
     * caller, never a header value alone.
     *
     * @throws ProblemException {@code VALIDATION_FAILED} for a hub's header outside the contract or a path that
     *     does not end with the calling hub
     */
    public static Hops sentBy(String hop, String path, String callerId, boolean callerIsHub) {
        if (!callerIsHub) {
            return fromHeaders(hop, null);
        }
        Hops sent = fromHeaders(hop, path);
        if (!sent.path.isEmpty() && !sent.path.get(sent.path.size() - 1).equals(callerId)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Routing headers are invalid",
                    List.of(new FieldError("/headers/" + PATH_HEADER, "must end with the calling hub, " + callerId)));
        }
        return sent;
    }

    /**
     * Refuses a request that has already passed this hub.
     *
     * @throws ProblemException {@code LOOP_DETECTED} if {@code self} is in the path
     */
    public Hops arrivingAt(String self) {
        if (path.contains(self)) {
            throw new ProblemException(ProblemType.LOOP_DETECTED, "The request has already passed " + self);
        }
        return this;
    }

    /**
     * The headers to send when {@code self} forwards the request one hop further. The path starts with
     * {@code origin} (the calling member) when the request arrived without one.
     *
     * @throws ProblemException {@code LOOP_DETECTED} if no hop is left
     */
    public Hops forwardedBy(String self, String origin) {
        if (left <= 0) {
            throw new ProblemException(ProblemType.LOOP_DETECTED, "No hop left to forward the request from " + self);
        }
        List<String> extended = new ArrayList<>(path);
        if (extended.isEmpty() && origin != null && !origin.equals(self)) {
            extended.add(origin);
        }
        extended.add(self);
        return new Hops(left - 1, extended);
    }

    /**
     * Refuses to send the request to a node it has already passed, instead of letting that node find out.
     *
     * @throws ProblemException {@code LOOP_DETECTED} if {@code next} is in the path
     */
    public Hops notBackTo(String next) {
        if (path.contains(next)) {
            throw new ProblemException(ProblemType.LOOP_DETECTED, "The request would go back to " + next);
        }
        return this;
    }

    /** The node where the request began: the first entity on its path, if it came through others. */
    public Optional<String> origin() {
        return path.isEmpty() ? Optional.empty() : Optional.of(path.get(0));
    }

    public String hopHeader() {
        return Integer.toString(left);
    }

    public String pathHeader() {
        return String.join(",", path);
    }
}
