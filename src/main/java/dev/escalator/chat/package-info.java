@NullMarked
package dev.escalator.chat;

import org.jspecify.annotations.NullMarked;
