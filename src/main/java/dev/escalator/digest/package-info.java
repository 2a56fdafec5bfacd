@NullMarked
package dev.escalator.digest;

import org.jspecify.annotations.NullMarked;
