@NullMarked
package dev.escalator.alerts;

import org.jspecify.annotations.NullMarked;
