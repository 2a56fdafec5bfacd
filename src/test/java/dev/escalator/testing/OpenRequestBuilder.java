package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;

/** Builds an {@link OpenRequest}: "Checkout is failing" on payments, severity 3, by {@link Fixtures#reporter()}. */
public final class OpenRequestBuilder {
    private String title = "Checkout is failing";
    private Brief brief = Brief.EMPTY;
    private Severity severity = Severity.DEFAULT;
    private PathId path = Fixtures.PAYMENTS;
    private Actor reporter = Fixtures.reporter();
    private ChannelRef home = Fixtures.PAYMENTS_CHANNEL;

    OpenRequestBuilder() {}

    public OpenRequestBuilder titled(String title) {
        this.title = title;
        return this;
    }

    public OpenRequestBuilder brief(Brief brief) {
        this.brief = brief;
        return this;
    }

    public OpenRequestBuilder severity(int severity) {
        this.severity = new Severity(severity);
        return this;
    }

    public OpenRequestBuilder onPath(String path) {
        this.path = new PathId(path);
        return this;
    }

    public OpenRequestBuilder by(Actor reporter) {
        this.reporter = reporter;
        return this;
    }

    public OpenRequestBuilder in(ChannelRef home) {
        this.home = home;
        return this;
    }

    public OpenRequest build() {
        return new OpenRequest(title, brief, severity, path, reporter, home);
    }
}
