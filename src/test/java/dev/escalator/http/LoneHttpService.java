package dev.escalator.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The bot's HTTP server alone in a JVM, for a test that stops the whole process (SIGSTOP) to see what the kernel does
 * for the server while nothing in it runs. Prints {@code LISTENING <port>}, then serves until its input closes.
 */
final class LoneHttpService {
    private LoneHttpService() {}

    public static void main(String[] args) throws IOException {
        try (var metrics = PrometheusMetrics.withJvmMetrics();
                var server = HttpService.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            System.out.println("LISTENING " + server.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // serves until the test closes the input
            }
        }
    }
}
