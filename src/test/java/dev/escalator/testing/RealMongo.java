package dev.escalator.testing;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import dev.escalator.store.StoreConnection;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A real MongoDB replica set for the tests that also run on one. It is the one named by
 * {@code ESCALATOR_TEST_MONGODB_URI} (for example {@code mongodb://localhost:27017/?replicaSet=rs0}); when that is unset
 * and a Docker engine is present, a MongoDB 8 single-node replica set that Testcontainers starts before the first such
 * test class and stops at the end of the run (one container per test JVM). Each test gets a database of its own,
 * dropped after it. With neither, those tests are skipped, with one line that says both ways to run them.
 *
 * <p>A test class takes part with {@code @ExtendWith(RealMongo.Available.class)} and calls {@link #orSkip()} for each
 * test.
 */
public final class RealMongo implements AutoCloseable {
    public static final String VARIABLE = "ESCALATOR_TEST_MONGODB_URI";

    /** What Testcontainers starts when no MongoDB is named: the newest major version the bot supports. */
    static final String IMAGE = "mongo:8.0";

    static final String SKIPPED = VARIABLE + " is not set and no Docker engine was found: the real-MongoDB tests are"
            + " skipped (set it to a replica set's URI, or start Docker to run them on MongoDB 8 through Testcontainers;"
            + " see docs/operations.md, 'A staging check on MongoDB')";

    /** Where the real-MongoDB tests run, decided once per test JVM. */
    private enum Where {
        NAMED,
        DOCKER,
        NOWHERE
    }

    private static Optional<Where> where = Optional.empty(); // guarded by RealMongo.class
    private static Optional<MongoDBContainer> container = Optional.empty(); // guarded by RealMongo.class

    private final String uri;
    private final String database;

    private RealMongo(String uri, String database) {
        this.uri = uri;
        this.database = database;
    }

    /** A fresh database on the real MongoDB; skips the calling test when there is none. */
    public static RealMongo orSkip() {
        Assumptions.assumeTrue(where() != Where.NOWHERE, SKIPPED);
        String server = named().orElseGet(() -> container().getConnectionString());
        String database = "escalator_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new RealMongo(withDatabase(server, database), database);
    }

    /** {@code uri} with its path set to {@code database}, its options kept. */
    public static String withDatabase(String uri, String database) {
        var parsed = new ConnectionString(uri);
        String hosts = String.join(",", parsed.getHosts());
        String scheme = uri.startsWith("mongodb+srv://") ? "mongodb+srv://" : "mongodb://";
        int credentialsEnd = uri.indexOf('@', scheme.length());
        String credentials = credentialsEnd < 0 ? "" : uri.substring(scheme.length(), credentialsEnd + 1);
        int query = uri.indexOf('?');
        String options = query < 0 ? "" : uri.substring(query);
        return scheme + credentials + hosts + "/" + database + options;
    }

    public String uri() {
        return uri;
    }

    public StoreConnection connect() {
        return StoreConnection.connect(uri);
    }

    /** Drops this test's database. */
    @Override
    public void close() {
        try (var client = MongoClients.create(uri)) {
            client.getDatabase(database).drop();
        }
    }

    private static Optional<String> named() {
        return Optional.ofNullable(System.getenv(VARIABLE)).filter(uri -> !uri.isBlank());
    }

    private static synchronized Where where() {
        if (where.isEmpty()) {
            // Testcontainers tries each way to reach Docker once (variables, its properties file, the usual sockets);
            // with none it logs why to the test log file and answers false, without retrying
            where = Optional.of(
                    named().isPresent()
                            ? Where.NAMED
                            : DockerClientFactory.instance().isDockerAvailable() ? Where.DOCKER : Where.NOWHERE);
            if (where.get() == Where.NOWHERE) {
                // once per test JVM, on the build's console: a skip's reason is otherwise only in the reports
                System.out.println(SKIPPED);
            }
        }
        return where.orElseThrow();
    }

    private static synchronized MongoDBContainer container() {
        if (container.isEmpty()) {
            // a single-node replica set: majority writes, as the bot makes them, need one
            var mongo = new MongoDBContainer(IMAGE).withReplicaSet();
            mongo.start();
            container = Optional.of(mongo);
        }
        return container.orElseThrow();
    }

    /**
     * On a test class: runs it when a MongoDB is named or a Docker engine is present, and disables it with one line
     * otherwise. In the Docker case the container is started before the class's first test and handed to JUnit's root
     * store, which stops it when the whole run ends.
     */
    public static final class Available implements ExecutionCondition, BeforeAllCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealMongo.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return switch (where()) {
                case NAMED -> ConditionEvaluationResult.enabled("on the MongoDB named by " + VARIABLE);
                case DOCKER -> ConditionEvaluationResult.enabled("on " + IMAGE + " in Docker, through Testcontainers");
                case NOWHERE -> ConditionEvaluationResult.disabled(SKIPPED);
            };
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            if (where() == Where.DOCKER) {
                context.getRoot()
                        .getStore(NAMESPACE)
                        .computeIfAbsent(MongoDBContainer.class, type -> container(), MongoDBContainer.class);
            }
        }
    }
}
