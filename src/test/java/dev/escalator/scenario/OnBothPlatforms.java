package dev.escalator.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scenario that runs once on each platform: its parameter is the {@link dev.escalator.core.Platform}, and it starts
 * its world with {@link Worlds#on}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@EnumSource(dev.escalator.core.Platform.class)
public @interface OnBothPlatforms {}
