package dev.escalator.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate} whatever happened to the ones
 * before it, and its latency is measured from that intended time, not from when it was actually sent. A server that
 * stalls therefore shows its stall in every request that should have gone out meanwhile (no coordinated omission).
 */
final class OpenLoopLoad {
    /** A run's outcome: latencies in nanoseconds, and how many requests failed or answered other than 2xx. */
    record Result(int rate, Duration length, Histogram latency, long errors, long sent) {
        String row() {
            return "| %,d/s | %d s | %,d | %.1f | %.1f | %.1f | %.1f | %,d |"
                    .formatted(
                            rate,
                            length.toSeconds(),
                            sent,
                            millis(latency.getValueAtPercentile(50)),
                            millis(latency.getValueAtPercentile(99)),
                            millis(latency.getValueAtPercentile(99.9)),
                            millis(latency.getMaxValue()),
                            errors);
        }

        double p99Millis() {
            return millis(latency.getValueAtPercentile(99));
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }

    static final String HEADER = """
            | rate | length | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors |
            | --- | --- | --- | --- | --- | --- | --- | --- |""";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The name of the client's threads, followed by a number: a benchmark reads their CPU time by name. */
    static final String THREAD_PREFIX = "load-client-";

    // named platform threads rather than a virtual thread per task, whose carriers the fake Slack's handlers shared:
    // the ack benchmark tells the load generator's CPU from the fake's by thread name. Its tasks never block, so a
    // few threads do what the virtual threads' two carriers did on 2 cores.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(
                    4, Thread.ofPlatform().name(THREAD_PREFIX, 0).daemon().factory()))
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * At most this many requests in flight at once, 0 for no bound. With no bound the client opens a new connection for
     * every request sent while the others are still waiting, so a stall of some tens of ms at a few thousand requests a
     * second has the server accept hundreds of new connections at once (2,000 in the ack benchmark's collapses), whose
     * cost lands on whichever app happened to stall first; with a bound, requests due meanwhile wait here, still timed
     * from their intended send time, and go out as answers come back.
     */
    private final int maxInFlight;

    OpenLoopLoad() {
        this(0);
    }

    OpenLoopLoad(int maxInFlight) {
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("at most " + maxInFlight + " requests in flight: 0 (no bound) or more");
        }
        this.maxInFlight = maxInFlight;
    }

    /** Sends {@code rate} requests a second for {@code length}; request {@code i} is {@code requests.apply(i)}. */
    Result run(int rate, Duration length, LongFunction<HttpRequest> requests) throws InterruptedException {
        var step = new Step();
        long total = rate * length.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            step.due(new Due(requests.apply(i), intended));
        }
        step.done.acquire((int) total);
        if (!step.failures.isEmpty()) {
            System.out.println("  first failures: " + step.failures);
        }
        return new Result(rate, length, step.recorder.getIntervalHistogram(), step.errors.get(), total);
    }

    /** A request and the time it was due to be sent. */
    private record Due(HttpRequest request, long intended) {}

    /** One run's requests: those waiting for a place in flight, those in flight, and what their answers came to. */
    private final class Step {
        final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        final AtomicLong errors = new AtomicLong();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Queue<Due> waiting = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        /** A permit for each request answered, failed or given up on. */
        final Semaphore done = new Semaphore(0);

        void due(Due due) {
            if (maxInFlight == 0) {
                send(due);
                return;
            }
            waiting.add(due);
            sendWaiting();
        }

        /** Sends waiting requests while there is room; called when one is due and when one is answered. */
        void sendWaiting() {
            while (!waiting.isEmpty()) {
                int sending = inFlight.get();
                if (sending >= maxInFlight) {
                    return;
                }
                if (!inFlight.compareAndSet(sending, sending + 1)) {
                    continue;
                }
                Due due = waiting.poll();
                if (due == null) {
                    inFlight.decrementAndGet();
                } else if (System.nanoTime() - due.intended() > TIMEOUT.toNanos()) {
                    // waited here as long as an answer may take: a time-out, not sent, so that a dead app's queue
                    // drains in seconds and not in one time-out per place in flight
                    inFlight.decrementAndGet();
                    answered(due, null, new TimeoutException("waited " + TIMEOUT + " for a place in flight"));
                } else {
                    send(due);
                }
            }
        }

        void send(Due due) {
            client.sendAsync(due.request(), HttpResponse.BodyHandlers.discarding())
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((response, failure) -> {
                        answered(due, response, failure);
                        if (maxInFlight > 0) {
                            inFlight.decrementAndGet();
                            sendWaiting();
                        }
                    });
        }

        void answered(Due due, HttpResponse<?> response, Throwable failure) {
            recorder.recordValue(Math.min(System.nanoTime() - due.intended(), TimeUnit.SECONDS.toNanos(60)));
            if (failure != null || response.statusCode() / 100 != 2) {
                errors.incrementAndGet();
                if (failures.size() < 5) {
                    failures.add(failure != null ? failure.toString() : "HTTP " + response.statusCode());
                }
            }
            done.release();
        }
    }
}
