package dev.escalator.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A property's tries cut to a tenth under mutation testing ({@link TestSize#small}), its full tries in the build. PIT
 * runs a property once for every mutant it covers and cannot kill first with a quicker test, so a property of 1,000
 * tries made most of core's mutation run. jqwik's {@code jqwik.tries.default} would not do it: it is only the default,
 * and a property that names its tries ({@code @Property(tries = 1_000)}) keeps them. Add it to a class of properties
 * with {@code @AddLifecycleHook(FewerTriesWhenSmall.class)}.
 */
public final class FewerTriesWhenSmall implements AroundPropertyHook {
    static final int DIVISOR = 10;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (TestSize.small()) {
            context.attributes()
                    .tries()
                    .ifPresent(tries -> context.attributes().setTries(Math.max(1, tries / DIVISOR)));
        }
        return property.execute();
    }
}
