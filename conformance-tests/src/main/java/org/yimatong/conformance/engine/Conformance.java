package org.yimatong.conformance.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a conformance test: a public method {@code void name(TestContext ctx) throws Exception} of a class with
 * a public no-argument constructor, listed by a plan (see {@code plans.member.MemberPlan},
 * {@code plans.hub.HubPlan}). A fresh instance runs each test.
 *
 * <pre>{@code
 * @Conformance(id = "YMT-VER-001", title = "A fresh GREEN code is answered GREEN, live",
 *         requirements = {"REQ-VER-1", "REQ-VER-2"})
 * public void greenCodeAnsweredGreen(TestContext ctx) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Conformance {

    /** Stable id {@code YMT-<AREA>-<NNN>}; never reused for another check once published. */
    String id();

    /** One line saying what the implementation must do, as a reader of the report needs it. */
    String title();

    /** The {@code REQ-...} ids of DESIGN.md this test verifies (at least one; all in the catalogue). */
    String[] requirements();

    /** True when the test sends something wrong and checks that it is refused. */
    boolean negative() default false;
}
