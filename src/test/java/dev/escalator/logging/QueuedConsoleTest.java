package dev.escalator.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The production logback.xml queues each line for a writer thread of its own (issue #17): a request thread that logs
 * does not wait for the console, and stopping the log writes every line still queued.
 */
class QueuedConsoleTest {
    private static final int LINES = 500;

    @Test
    void loggingDoesNotWaitForTheConsoleAndStoppingWritesEveryQueuedLine() throws JoranException {
        LoggerContext context = LogFormatTest.configured(Optional.of("text"));
        // as SLF4J gives the bot's context one: the queue copies each line's MDC through it
        context.setMDCAdapter(new LogbackMDCAdapter());
        var console = new HeldConsole();
        LogFormatTest.console(context).setOutputStream(console);
        var logger = context.getLogger("dev.escalator.slack.EscalateCommand");

        // the console writes nothing until let go: a line written on the caller's thread would hang here
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int n = 1; n <= LINES; n++) {
                logger.info("slack: Acknowledge by {} in {} ({})", "U0ALICE", "C0PAY", n);
            }
        });
        assertThat(console.text())
                .as("nothing written while the console is held")
                .isEmpty();

        console.letGo();
        ConsoleLog.flush(context);

        String[] lines = console.text().split("\n");
        assertThat(lines).hasSize(LINES);
        assertThat(lines[0]).endsWith("INFO  EscalateCommand: slack: Acknowledge by U0ALICE in C0PAY (1)");
        assertThat(lines[LINES - 1]).endsWith("(" + LINES + ")");
    }

    /** Stands in for the terminal: every write waits until {@link #letGo}. */
    private static final class HeldConsole extends OutputStream {
        private final CountDownLatch held = new CountDownLatch(1);
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        void letGo() {
            held.countDown();
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            // as a terminal does, a write goes through when the writer is interrupted (logging stopping): it waits
            boolean interrupted = false;
            while (held.getCount() > 0) {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.write(bytes, offset, length);
            }
        }
    }
}
