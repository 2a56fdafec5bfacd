package dev.escalator.core;

/**
 * Who may read an escalation or add to it from where (SPEC §7). In the escalation's own channel (its thread included)
 * anyone may: they can read the thread anyway. Anywhere else only people in the configuration (admins are people
 * too) may, so that a stranger typing in another channel, or in a direct message, learns no title, no timeline and
 * cannot post into the thread.
 */
public final class Audience {
    private Audience() {}

    /** Whether {@code actor}, typing in {@code where}, may see {@code escalation} and add a note to it. */
    public static boolean maySee(Escalation escalation, Actor.User actor, ChannelRef where) {
        return actor.person().isPresent() || escalation.home().equals(where);
    }
}
