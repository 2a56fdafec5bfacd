@NullMarked
package dev.escalator.config;

import org.jspecify.annotations.NullMarked;
