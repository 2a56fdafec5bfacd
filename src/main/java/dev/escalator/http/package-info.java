@NullMarked
package dev.escalator.http;

import org.jspecify.annotations.NullMarked;
