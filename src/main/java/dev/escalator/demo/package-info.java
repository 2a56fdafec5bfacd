/**
 * {@code escalator demo}: the bot, wired by the one assembly, against a fake Slack Web API in this process, with a
 * built-in workspace and configuration, played as a script or typed by a person, its thread printed as people read
 * it.
 */
@NullMarked
package dev.escalator.demo;

import org.jspecify.annotations.NullMarked;
