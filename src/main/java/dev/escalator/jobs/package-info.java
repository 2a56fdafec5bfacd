@NullMarked
package dev.escalator.jobs;

import org.jspecify.annotations.NullMarked;
