package dev.escalator.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The replicas benchmark's backend answers every query exactly as mongo-java-server's own in-memory backend does. */
class IdFirstMemoryBackendTest extends IdFirstBackendContract {
    @Override
    MongoBackend plainBackend() {
        return new MemoryBackend();
    }

    @Override
    MongoBackend idFirstBackend() {
        return new IdFirstMemoryBackend();
    }
}
