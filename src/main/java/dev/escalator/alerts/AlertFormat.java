package dev.escalator.alerts;

import com.google.gson.JsonObject;
import dev.escalator.config.Integration;

/** Reads one source's payload into an {@link AlertEvent}; a missing or wrong field is a {@link BadAlert} naming it. */
interface AlertFormat {
    AlertEvent read(JsonObject body) throws BadAlert;

    static AlertFormat of(Integration integration) {
        return switch (integration.kind()) {
            case ALERTMANAGER -> new AlertmanagerFormat(false);
            case GRAFANA -> new AlertmanagerFormat(true);
            case PAGERDUTY -> new PagerDutyFormat();
            case GENERIC -> new GenericFormat(integration.severity());
        };
    }
}
