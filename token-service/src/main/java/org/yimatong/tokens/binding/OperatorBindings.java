package org.yimatong.tokens.binding;

import java.util.Optional;

import org.yimatong.schemas.payload.OperatorBinding;

/** The operator bindings of departments; the hub backs it with its admin API's table. */
@FunctionalInterface
public interface OperatorBindings {

    /**
     * The binding of {@code operator} at {@code department}, if any.
     *
     * @param department the audience (department) the binding was made for
     * @param operator the operator's pairwise subject at that department: the only id the department knows
     */
    Optional<OperatorBinding> find(String department, String operator);

    /** No bindings at all. */
    static OperatorBindings none() {
        return (department, operator) -> Optional.empty();
    }
}
