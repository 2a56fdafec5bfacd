package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

/**
 * What a confirmed write means on MongoDB: a step, an action or an alert the bot has confirmed must survive a primary
 * failover, so writes wait for a majority and are retried once across an election, unless the operator's
 * {@code MONGODB_URI} says otherwise.
 */
class StoreConnectionSettingsTest {
    @Test
    void writesWaitForAMajorityAndAreRetriedAcrossAnElectionByDefault() {
        var settings =
                StoreConnection.settings(new ConnectionString("mongodb://db-0,db-1,db-2/escalator?replicaSet=rs0"));

        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(settings.getRetryWrites()).isTrue();
    }

    @Test
    void theOperatorsUriDecidesWhenItSaysOtherwise() {
        var settings = StoreConnection.settings(new ConnectionString("mongodb://db-0/escalator?w=1&retryWrites=false"));

        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.W1);
        assertThat(settings.getRetryWrites()).isFalse();
    }
}
