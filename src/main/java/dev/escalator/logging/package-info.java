@NullMarked
package dev.escalator.logging;

import org.jspecify.annotations.NullMarked;
