package org.yimatong.conformance.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@link Conformance} methods of a plan's test classes and turns them into {@link TestDefinition}s, in id
 * order. A malformed declaration (bad id, duplicate id, wrong method shape, no REQ id) is refused here, when the
 * plan is loaded, never in the middle of a run.
 */
public final class TestCatalog {

    private TestCatalog() {
    }

    /**
     * The tests declared in {@code classes}, sorted by id.
     *
     * @throws IllegalArgumentException naming the faulty declaration
     */
    public static List<TestDefinition> scan(Plan plan, List<Class<?>> classes) {
        List<TestDefinition> tests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Class<?> type : classes) {
            Constructor<?> constructor = noArgConstructor(type);
            for (Method method : type.getMethods()) {
                Conformance declared = method.getAnnotation(Conformance.class);
                if (declared == null) {
                    continue;
                }
                requireShape(type, method);
                if (!ids.add(declared.id())) {
                    throw new IllegalArgumentException("test id " + declared.id() + " is declared twice (again in "
                            + type.getSimpleName() + "." + method.getName() + ")");
                }
                tests.add(new TestDefinition(declared.id(), declared.title(), plan,
                        Arrays.asList(declared.requirements()), declared.negative(),
                        ctx -> invoke(constructor, method, ctx)));
            }
        }
        tests.sort(Comparator.comparing(TestDefinition::id));
        return List.copyOf(tests);
    }

    private static Constructor<?> noArgConstructor(Class<?> type) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public no-argument constructor");
        }
    }

    private static void requireShape(Class<?> type, Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1
                || method.getParameterTypes()[0] != TestContext.class || method.getReturnType() != void.class) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + method.getName()
                    + " must be a public instance method void name(TestContext ctx)");
        }
    }

    /** Runs one test on a fresh instance, unwrapping what reflection wraps. */
    private static void invoke(Constructor<?> constructor, Method method, TestContext ctx) throws Exception {
        Object instance = constructor.newInstance();
        try {
            method.invoke(instance, ctx);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
