@NullMarked
package dev.escalator.delivery;

import org.jspecify.annotations.NullMarked;
