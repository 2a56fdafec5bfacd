package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The default store when no {@code MONGODB_URI} is given: mongo-java-server in this process, speaking the MongoDB wire
 * protocol on a loopback port, keeping its data in an H2 MVStore file under the data directory. For one replica only.
 *
 * <p>MVStore commits in the background about once a second; {@link #commit} forces it, and the store calls it after
 * every write, so a write confirmed to a user survives a kill -9 of the process. A commit only hands the pages to the
 * operating system, which may keep them in memory for many seconds: {@link #commit} then syncs the file ({@link
 * MVStore#sync}, an {@code fsync}), so a confirmed write survives a power loss too. Writers calling it at the same
 * time share one commit and one sync ({@link GroupCommit}).
 */
public final class EmbeddedMongo implements AutoCloseable {
    public static final String FILE_NAME = "escalator.mv";

    /**
     * mongo-java-server runs findAndModify and guarded updates as a query followed by an update, without a lock; with
     * several event-loop threads two connections can interleave and both "win". One worker thread runs commands one
     * at a time, which gives every single-document operation the atomicity a real MongoDB gives it.
     */
    public static final int SERIAL = 1;

    private final Path file;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final GroupCommit commits;
    private final MVStore mvStore;
    private volatile boolean closing;

    /** How the file is made durable after a commit; tests count the calls. */
    @FunctionalInterface
    interface FileSync {
        FileSync FORCE = MVStore::sync;

        void sync(MVStore store);
    }

    private EmbeddedMongo(
            Path file,
            H2Backend backend,
            MVStore mvStore,
            FileSync fileSync,
            MongoServer server,
            InetSocketAddress address) {
        this.file = file;
        this.mvStore = mvStore;
        this.server = server;
        this.address = address;
        this.commits = new GroupCommit(() -> {
            backend.commit(); // the pages written to the file, in the operating system's cache
            fileSync.sync(mvStore); // and on the disk
        });
    }

    /** Opens (or creates) the data file in {@code dataDir} and serves it on a free loopback port. */
    public static EmbeddedMongo start(Path dataDir) {
        return start(dataDir, FileSync.FORCE);
    }

    // the IPv4 loopback literal on purpose: one address, which the driver's URI names as it is (see connectionString())
    @SuppressWarnings("AddressSelection")
    static EmbeddedMongo start(Path dataDir, FileSync fileSync) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        MVStore mvStore;
        try {
            mvStore = new MVStore.Builder().fileName(file.toString()).open();
        } catch (MVStoreException e) {
            throw new IllegalStateException(
                    "cannot open the embedded store " + file
                            + " (is another Escalator running on this data directory? Several replicas need MONGODB_URI)",
                    e);
        }
        var backend = new IdFirstH2Backend(mvStore);
        var server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, SERIAL);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(file, backend, mvStore, fileSync, server, address);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/escalator";
    }

    /** Where the data lives, for the log. */
    public Path file() {
        return file;
    }

    /** Returns once everything written before the call is in the file and the file is synced to the disk. */
    public void commit() {
        commits.await();
    }

    /**
     * True when the file failed and MVStore closed itself (it does so on any write error, a full disk included): no
     * write can be kept from then on, in this process. Reopening the file is a restart's job.
     */
    public boolean failed() {
        return !closing && mvStore.isClosed();
    }

    /** The file's store, for tests that simulate its failure ({@code closeImmediately()}, as MVStore does itself). */
    MVStore mvStore() {
        return mvStore;
    }

    @Override
    public void close() {
        closing = true;
        server.shutdownNow();
        commits.close();
    }
}
