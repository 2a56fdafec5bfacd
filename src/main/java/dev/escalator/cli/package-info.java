@NullMarked
package dev.escalator.cli;

import org.jspecify.annotations.NullMarked;
