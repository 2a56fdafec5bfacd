@NullMarked
package dev.escalator.store;

import org.jspecify.annotations.NullMarked;
