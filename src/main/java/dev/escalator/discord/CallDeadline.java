package dev.escalator.discord;

import dev.escalator.chat.ChatPort;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Ends each call of the Discord chat port, all of JDA's tries included, within {@link ChatPort#CALL_TIME_OUT} of its
 * start, as the Slack client does: delivery claims of a silent replica are taken over after that time, and the taker
 * looks for a post in doubt, which must have landed by then or never land (docs/operations.md, "Slow replicas").
 *
 * <p>JDA retries a call answered 502–529 up to three times, half a second and more apart, each try a new HTTP call, and
 * sends one again after a socket error or time-out; so a time-out per HTTP call (OkHttp's {@code callTimeout}) would
 * not bound the call. Instead the chat port runs each call {@link #within} its deadline; JDA carries out such a call on
 * the calling thread ({@code complete(false)}), where its custom request builder {@link #stamp}s the request with the
 * deadline; a try is not started after it, and a try still in flight at it is cancelled. Calls JDA makes for itself
 * (signing in, registering the command, answering interactions) are not bounded here: they post nothing delivery would
 * look for, and under load they may take longer.
 */
final class CallDeadline implements Interceptor {

    /** When a call must have ended, on {@link System#nanoTime}'s scale. */
    record Deadline(long nanos) {}

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private CallDeadline() {}

    /** JDA's HTTP client, with the interceptor that keeps each stamped request's tries within its deadline. */
    static OkHttpClient.Builder client() {
        return new OkHttpClient.Builder().addInterceptor(new CallDeadline());
    }

    /** Runs {@code call}, whose requests JDA makes on this thread, so that it ends within {@code timeOut}. */
    static <T> T within(Duration timeOut, Supplier<T> call) {
        Deadline outer = CURRENT.get();
        CURRENT.set(new Deadline(System.nanoTime() + timeOut.toNanos()));
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** JDA's custom request builder: a request built inside {@link #within} carries that call's deadline. */
    static void stamp(Request.Builder request) {
        Deadline deadline = CURRENT.get();
        if (deadline != null) {
            request.tag(Deadline.class, deadline);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Deadline deadline = chain.request().tag(Deadline.class);
        if (deadline == null) {
            return chain.proceed(chain.request());
        }
        long left = deadline.nanos() - System.nanoTime();
        if (left <= 0) {
            throw new InterruptedIOException("the Discord call's time-out passed before this try");
        }
        var call = chain.call();
        Thread watch = Thread.ofVirtual().name("discord-call-deadline").start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(left));
                call.cancel();
            } catch (InterruptedException e) {
                // the try ended in time
            }
        });
        try {
            return chain.proceed(chain.request());
        } finally {
            watch.interrupt();
        }
    }
}
