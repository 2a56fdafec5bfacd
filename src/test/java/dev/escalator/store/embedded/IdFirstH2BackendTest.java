package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/** The embedded store's backend answers every query exactly as mongo-java-server's own H2 backend does. */
class IdFirstH2BackendTest extends IdFirstBackendContract {
    @Override
    MongoBackend plainBackend() {
        return new H2Backend(MVStore.open(null));
    }

    @Override
    MongoBackend idFirstBackend() {
        return new IdFirstH2Backend(MVStore.open(null));
    }
}
