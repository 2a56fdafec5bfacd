@NullMarked
package dev.escalator.discord;

import org.jspecify.annotations.NullMarked;
