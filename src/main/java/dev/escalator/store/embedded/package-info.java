@NullMarked
package dev.escalator.store.embedded;

import org.jspecify.annotations.NullMarked;
