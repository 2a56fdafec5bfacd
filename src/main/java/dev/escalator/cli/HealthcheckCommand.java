package dev.escalator.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A container health check that needs nothing but the jar: the runtime image has neither curl nor wget. */
@Command(
        name = "healthcheck",
        mixinStandardHelpOptions = true,
        description = "Ask the running bot's GET /healthz on this machine. Exits 0 when it answers 200, else 1.")
final class HealthcheckCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "the bot's HTTP port; default: $PORT or 3000")
    private Optional<Integer> port = Optional.empty();

    HealthcheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        URI uri = URI.create("http://127.0.0.1:%d/healthz".formatted(port.orElse(context.port())));
        try (var client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            var request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                out.println("healthy: " + uri);
                return 0;
            }
            err.println("unhealthy: %s answered HTTP %d".formatted(uri, response.statusCode()));
            return 1;
        } catch (ConnectException e) {
            err.println("unhealthy: nothing listens at " + uri);
            return 1;
        } catch (HttpTimeoutException e) {
            err.println("unhealthy: %s did not answer within %ds".formatted(uri, TIMEOUT.toSeconds()));
            return 1;
        } catch (IOException e) {
            err.println("unhealthy: %s failed: %s".formatted(uri, e));
            return 1;
        }
    }
}
