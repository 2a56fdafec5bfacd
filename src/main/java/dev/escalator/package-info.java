@NullMarked
package dev.escalator;

import org.jspecify.annotations.NullMarked;
