@NullMarked
package dev.escalator.schedule;

import org.jspecify.annotations.NullMarked;
