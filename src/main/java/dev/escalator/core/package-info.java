@NullMarked
package dev.escalator.core;

import org.jspecify.annotations.NullMarked;
