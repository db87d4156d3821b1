package org.yimatong.hub.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A stored batch of this hub's subtree on its way to the parent (REQ-LIST-12): the list owner's canonical NDJSON
 * and detached signature, as the owner sent them, and the countersignatures of every hub that relayed it, this
 * hub's last. The parent checks the last one against this hub's keys and keeps them all as provenance.
 */
public record RelayedBatch(String member, String batchTag, LocalDate day, String epoch, byte[] body, String signature,
        List<Relay> relays) {

    /** One hub's countersignature: a detached JWS over the same manifest, by {@code hub}. */
    public record Relay(String hub, String signature) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONE_RELAY = Pattern
            .compile("\\s*(ymt:hub:[A-Za-z0-9._-]{1,64})=([A-Za-z0-9_-]{1,1024}\\.\\.[A-Za-z0-9_-]{1,1024})\\s*");
    /** The most relays a batch may carry: the tree is at most 8 hops deep (REQ-TOPO-3). */
    public static final int MAX_RELAYS = 8;

    public RelayedBatch {
        relays = List.copyOf(relays);
    }

    /** The {@code Ymt-Batch-Relays} header: {@code <hub>=<detached JWS>}, comma separated, in relay order. */
    public static String relaysHeader(List<Relay> relays) {
        return String.join(", ", relays.stream().map(r -> r.hub() + "=" + r.signature()).toList());
    }

    /** Parses {@link #relaysHeader}; empty for a missing header, and {@code null} for a malformed one. */
    public static List<Relay> parseRelaysHeader(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        String[] parts = header.split(",", MAX_RELAYS + 1);
        if (parts.length > MAX_RELAYS) {
            return null;
        }
        List<Relay> relays = new ArrayList<>();
        for (String part : parts) {
            Matcher m = ONE_RELAY.matcher(part);
            if (!m.matches()) {
                return null;
            }
            relays.add(new Relay(m.group(1), m.group(2)));
        }
        return relays;
    }

    /** The relays as stored with the batch (provenance). */
    public static String relaysJson(List<Relay> relays) {
        try {
            return JSON.writeValueAsString(relays);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Relay> parseRelaysJson(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Relay>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored relay chain does not parse", e);
        }
    }
}
