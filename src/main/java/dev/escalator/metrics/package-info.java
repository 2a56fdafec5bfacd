@NullMarked
package dev.escalator.metrics;

import org.jspecify.annotations.NullMarked;
