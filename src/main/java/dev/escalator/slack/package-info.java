@NullMarked
package dev.escalator.slack;

import org.jspecify.annotations.NullMarked;
