package org.yimatong.adapters.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the adapter of a member by its {@code dialect}. The standard set is
 * {@code org.yimatong.adapters.StandardAdapters#registry()}; tests and the hub may add their own factories.
 */
public final class AdapterRegistry {

    private final Map<String, AdapterFactory> factories;

    public AdapterRegistry(List<AdapterFactory> factories) {
        Map<String, AdapterFactory> map = new LinkedHashMap<>();
        for (AdapterFactory factory : factories) {
            if (map.putIfAbsent(factory.dialect(), factory) != null) {
                throw new IllegalArgumentException("two factories for dialect " + factory.dialect());
            }
        }
        this.factories = Map.copyOf(map);
    }

    public Set<String> dialects() {
        return factories.keySet();
    }

    /**
     * The adapter for {@code endpoint}, by its dialect.
     *
     * @throws IllegalArgumentException for an unknown dialect or settings the dialect cannot work with
     */
    public MemberAdapter adapterFor(MemberEndpoint endpoint, AdapterContext context) {
        AdapterFactory factory = factories.get(endpoint.dialect());
        if (factory == null) {
            throw new IllegalArgumentException(
                    endpoint.member() + ": unknown dialect " + endpoint.dialect() + ", known: " + dialects());
        }
        return factory.create(endpoint, context);
    }

    /**
     * The native code recognisers of every registered dialect that has one, in registration order: the hub asks
     * each of them about a scanned string that is no JWS (REQ-CODE-2).
     */
    public List<NativeCodes> nativeCodes() {
        return factories.values().stream().flatMap(f -> f.nativeCodes().stream()).toList();
    }

    /** The native code recogniser of {@code dialect}; empty for an unknown dialect or one without native codes. */
    public Optional<NativeCodes> nativeCodes(String dialect) {
        AdapterFactory factory = dialect == null ? null : factories.get(dialect);
        return factory == null ? Optional.empty() : factory.nativeCodes();
    }
}
