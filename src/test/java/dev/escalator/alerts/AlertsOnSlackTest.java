package dev.escalator.alerts;

import static dev.escalator.alerts.AlertWorld.fixture;
import static dev.escalator.alerts.AlertWorld.generic;
import static dev.escalator.alerts.AlertWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.escalator.core.Actor;
import dev.escalator.core.Event;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** SPEC §10 through the real HTTP server into the fake Slack: each format, grouping, routing, storms and refusals. */
class AlertsOnSlackTest {
    private AlertWorld world;

    @BeforeEach
    void start() throws Exception {
        world = new AlertWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void anAlertmanagerGroupOpensAnEscalationInTheBoundChannel() {
        var answer = world.alert("prom", fixture("alertmanager-firing.json"));

        var escalation = world.escalationOf(answer);
        assertThat(json(answer).get("key").getAsString())
                .isEqualTo("{}/{team=\"payments\"}:{alertname=\"CheckoutLatencyHigh\"}");
        assertThat(json(answer).get("status").getAsString())
                .as("what alert senders read")
                .isEqualTo("accepted");
        assertThat(json(answer).get("outcome").getAsString()).isEqualTo("opened");
        assertThat(escalation.title()).isEqualTo("Checkout p99 latency above 2s");
        assertThat(escalation.reporter()).isEqualTo(new Actor.Integration("prom"));
        assertThat(escalation.path()).isEqualTo(new PathId("payments"));
        assertThat(escalation.severity()).isEqualTo(new Severity(3));
        assertThat(escalation.brief().whatIsWrong().orElseThrow())
                .contains("customers time out at payment")
                .contains("CheckoutLatencyHigh {instance=checkout-1:8080}: p99 2.4s on checkout-1")
                .contains("CheckoutLatencyHigh {instance=checkout-2:8080}")
                .contains("runbook https://runbooks.example.com/checkout-latency")
                .contains("Links: runbook https://runbooks.example.com/checkout-latency")
                .contains(", runbook https://runbooks.example.com/checkout-latency)")
                .contains("source http://prometheus.example.com:9090/graph")
                // Alertmanager's new-silence page, filled with the group's labels ({alertname="CheckoutLatencyHigh"})
                .contains("silence http://alertmanager.example.com:9093/#/silences/new?filter="
                        + "%7Balertname%3D%22CheckoutLatencyHigh%22%7D");

        world.deliver();
        assertThat(world.posted("C0PAY"))
                .anyMatch(post -> post.contains("Checkout p99 latency above 2s") && post.contains("`prom` integration"))
                .anyMatch(post -> post.contains("<@U0BOB>"));
    }

    @Test
    void theSameGroupAgainOpensNoSecondEscalation() {
        var first = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));
        world.deliver();
        int posts = world.posted("C0PAY").size();

        var again = world.alert("prom", fixture("alertmanager-firing.json"));

        assertThat(world.escalationOf(again).id()).isEqualTo(first.id());
        assertThat(json(again).get("outcome").getAsString()).isEqualTo("refired");
        assertThat(world.unresolved()).isEqualTo(1);
        assertThat(events(world.escalation(first.id()))).contains(new Event.AlertFired(List.of(), false));
        world.deliver();
        assertThat(world.posted("C0PAY")).hasSize(posts);
    }

    @Test
    void aGroupThatGrowsNamesItsNewAlertsInTheThreadAtMostEveryTenMinutes() {
        var opened = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));
        world.deliver();
        world.clock.advance(Duration.ofMinutes(11));

        var grown = world.alert("prom", fixture("alertmanager-firing-more.json"));
        world.alert("prom", fixture("alertmanager-firing-more.json"));

        assertThat(json(grown).get("outcome").getAsString()).isEqualTo("grouped");
        assertThat(events(world.escalation(opened.id())))
                .contains(new Event.AlertFired(List.of("CheckoutLatencyHigh {instance=checkout-3:8080}"), true))
                .contains(new Event.AlertFired(List.of(), false));
        world.deliver();
        assertThat(world.posted("C0PAY"))
                .filteredOn(post -> post.contains("still firing"))
                .singleElement()
                .asString()
                .contains("checkout-3:8080");
    }

    @Test
    void aRouteSendsTheGroupToItsPathWithTheSeverityOfItsLabel() {
        var escalation = world.escalationOf(world.alert("prom", fixture("alertmanager-routed-critical.json")));

        assertThat(escalation.path()).isEqualTo(new PathId("checkout"));
        assertThat(escalation.severity()).isEqualTo(new Severity(1));
        world.deliver();
        assertThat(world.posted("C0CHK")).anyMatch(post -> post.contains("Payment provider unreachable"));
        assertThat(world.posted("C0PAY")).isEmpty();
    }

    @Test
    void aResolvedGroupResolvesAndALaterFiringOpensANewEscalation() {
        var opened = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));

        var resolved = world.alert("prom", fixture("alertmanager-resolved.json"));
        var resolvedAgain = world.alert("prom", fixture("alertmanager-resolved.json"));
        var back = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));

        assertThat(json(resolved).get("outcome").getAsString()).isEqualTo("resolved");
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(resolvedAgain.statusCode()).isEqualTo(202);
        assertThat(back.id()).isNotEqualTo(opened.id());
        assertThat(back.status()).isEqualTo(Status.OPEN);
    }

    @Test
    void anEscalationAPersonResolvedWhileTheAlertFiresIsNotReusedByTheNextFiring() {
        var opened = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));
        var alice = Actor.User.known(
                new dev.escalator.core.ChatUser(dev.escalator.core.Platform.SLACK, "U0ALICE"),
                new dev.escalator.core.PersonId("alice"));
        world.replica.desk.act(opened.id(), new dev.escalator.core.Command.Resolve(alice, Optional.of("fixed")));

        var again = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));

        assertThat(again.id()).isNotEqualTo(opened.id());
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void grafanaAlertsOpenWithTheirDashboardAndSilenceLinksAndResolve() {
        var opened = world.escalationOf(world.alert("graf", fixture("grafana-firing.json")));

        assertThat(opened.title()).isEqualTo("[FIRING:1] High memory usage Payments (payments eu-1)");
        assertThat(opened.brief().whatIsWrong().orElseThrow())
                .contains("values {B=93.2, C=1}")
                .contains("dashboard https://grafana.example.com/d/ledger?orgId=1")
                .contains("panel https://grafana.example.com/d/ledger?orgId=1&viewPanel=4")
                .contains("silence https://grafana.example.com/alerting/silence/new");

        world.alert("graf", fixture("grafana-resolved.json"));
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void aGrafanaGroupWithoutADescriptionIsDescribedByItsMessage() {
        var group = JsonParser.parseString(fixture("grafana-firing.json")).getAsJsonObject();
        group.getAsJsonObject("commonAnnotations").remove("description");

        var opened = world.escalationOf(world.alert("graf", group.toString()));

        assertThat(opened.brief().whatIsWrong().orElseThrow()).startsWith("**Firing**\n\nValue: B=93.2, C=1");
    }

    @Test
    void aPagerDutyComponentRoutesLikeALabel() throws Exception {
        world.close();
        world = new AlertWorld(AlertWorld.CONFIG.replace(
                "pd: {kind: pagerduty, token_env: PD_TOKEN, path: payments}",
                "pd: {kind: pagerduty, token_env: PD_TOKEN, path: payments,"
                        + " routes: [{match: {component: postgres}, path: checkout}]}"));

        var opened = world.escalationOf(world.enqueue(fixture("pagerduty-trigger.json")));

        assertThat(opened.path()).isEqualTo(new PathId("checkout"));
    }

    @Test
    void keysUpToTheirLimitAreTakenAndLongerOrBlankOnesAreRefusedNamingTheKey() {
        var longest = world.alert("hook", generic("k".repeat(512), "firing"));
        var tooLong = world.alert("hook", generic("k".repeat(513), "firing"));
        var blank = world.alert("hook", generic("   ", "firing"));
        var longestDedupKey = world.enqueue(fixture("pagerduty-trigger.json")
                .replace("\"dedup_key\": \"ledger-disk-full/db-3\"", "\"dedup_key\": \"" + "d".repeat(255) + "\""));
        var tooLongDedupKey = world.enqueue(fixture("pagerduty-trigger.json")
                .replace("\"dedup_key\": \"ledger-disk-full/db-3\"", "\"dedup_key\": \"" + "d".repeat(256) + "\""));

        assertThat(longest.statusCode()).as(longest.body()).isEqualTo(202);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("field").getAsString()).isEqualTo("key");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).get("field").getAsString()).isEqualTo("key");
        assertThat(longestDedupKey.statusCode()).as(longestDedupKey.body()).isEqualTo(202);
        assertThat(tooLongDedupKey.statusCode()).isEqualTo(400);
        assertThat(json(tooLongDedupKey).get("field").getAsString()).isEqualTo("dedup_key");
        assertThat(world.unresolved()).isEqualTo(2);
    }

    @Test
    void aTokenIsTakenOnlyAfterTheBearerScheme() {
        var otherScheme =
                world.replica.postAuthorized("/alerts/prom", fixture("alertmanager-firing.json"), "Basic: prom-secret");
        var lowerCase =
                world.replica.postAuthorized("/alerts/prom", fixture("alertmanager-firing.json"), "bearer prom-secret");

        assertThat(otherScheme.statusCode()).isEqualTo(401);
        assertThat(lowerCase.statusCode()).as(lowerCase.body()).isEqualTo(202);
    }

    @Test
    void aRefusedRequestSaysWhatIsWrongAndIsCountedByReason() {
        var missing = world.replica.post("/alerts/prom", fixture("alertmanager-firing.json"), Optional.empty());
        world.replica.post("/alerts/prom", fixture("alertmanager-firing.json"), Optional.empty());
        var wrong = world.replica.post("/alerts/prom", fixture("alertmanager-firing.json"), Optional.of("graf-secret"));
        var unknownRoutingKey = world.enqueue(fixture("pagerduty-trigger.json").replace("pd-routing-key", "other-key"));
        var noRoutingKey = world.enqueue(
                fixture("pagerduty-trigger.json").replace("\"routing_key\": \"pd-routing-key-0123456789abcdef\",", ""));
        world.enqueue(
                fixture("pagerduty-trigger.json").replace("\"routing_key\": \"pd-routing-key-0123456789abcdef\",", ""));
        var noSummary = world.enqueue(
                fixture("pagerduty-trigger.json").replace("\"summary\": \"Disk 97% full on ledger db-3\",", ""));

        assertThat(json(missing).get("error").getAsString()).isEqualTo("missing token");
        assertThat(json(wrong).get("error").getAsString()).isEqualTo("wrong token");
        assertThat(json(unknownRoutingKey).get("status").getAsString()).isEqualTo("unauthorized");
        assertThat(json(unknownRoutingKey).get("message").getAsString()).isEqualTo("routing_key is not known");
        assertThat(json(unknownRoutingKey).get("field").getAsString()).isEqualTo("routing_key");
        assertThat(noRoutingKey.statusCode()).isEqualTo(401);
        assertThat(json(noRoutingKey).get("message").getAsString()).isEqualTo("routing_key is missing");
        assertThat(json(noSummary).get("status").getAsString()).isEqualTo("invalid event");
        assertThat(json(noSummary).getAsJsonArray("errors").get(0).getAsString())
                .isEqualTo("payload.summary: missing");
        // two without a token, one with a wrong one, on each route: a reason mixed up with the other shows in the
        // counts
        assertThat(world.metrics())
                .contains("escalator_alerts_refused_total{integration=\"prom\",reason=\"missing_token\"} 2.0")
                .contains("escalator_alerts_refused_total{integration=\"prom\",reason=\"wrong_token\"} 1.0")
                .contains("escalator_alerts_refused_total{integration=\"pagerduty\",reason=\"missing_token\"} 2.0")
                .contains("escalator_alerts_refused_total{integration=\"pagerduty\",reason=\"wrong_token\"} 1.0");
    }

    @Test
    void pagerDutyEventsTriggerAcknowledgeAndResolveByDedupKey() {
        var triggered = world.enqueue(fixture("pagerduty-trigger.json"));

        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        assertThat(json(triggered).get("status").getAsString()).isEqualTo("success");
        assertThat(json(triggered).get("message").getAsString()).isEqualTo("Event processed");
        assertThat(json(triggered).get("dedup_key").getAsString()).isEqualTo("ledger-disk-full/db-3");
        var opened = world.escalationOf(triggered);
        assertThat(opened.title()).isEqualTo("Disk 97% full on ledger db-3");
        assertThat(opened.severity()).isEqualTo(new Severity(2));
        assertThat(opened.reporter()).isEqualTo(new Actor.Integration("pd"));
        assertThat(opened.brief().whatIsWrong().orElseThrow())
                .contains("class=disk", "component=postgres", "group=ledger")
                .contains("source db-3.ledger.example.com; {free_gb=12, mount=/var/lib/postgresql}")
                .contains("Disk dashboard https://grafana.example.com/d/ledger-disk")
                .contains("Zabbix https://zabbix.example.com/tr_events.php?triggerid=4242");

        assertThat(world.enqueue(fixture("pagerduty-acknowledge.json")).statusCode())
                .isEqualTo(202);
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(world.escalation(opened.id()).acknowledgedBy()).contains(new Actor.Integration("pd"));

        assertThat(world.enqueue(fixture("pagerduty-resolve.json")).statusCode())
                .isEqualTo(202);
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void aPagerDutyTriggerWithoutDedupKeyGetsOneMadeAndReturned() {
        var event = fixture("pagerduty-trigger.json").replace("\"dedup_key\": \"ledger-disk-full/db-3\",", "");

        var answer = world.enqueue(event);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String key = json(answer).get("dedup_key").getAsString();
        assertThat(key).isNotBlank();
        var resolve = "{\"routing_key\": \"pd-routing-key-0123456789abcdef\", \"event_action\": \"resolve\","
                + " \"dedup_key\": \"" + key + "\"}";
        world.enqueue(resolve);
        assertThat(world.escalationOf(answer).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void theGenericFormOpensAndWithoutAutoResolveItsResolvedIsANote() {
        var opened = world.escalationOf(world.alert("hook", fixture("generic-firing.json")));

        assertThat(opened.severity()).isEqualTo(new Severity(2));
        assertThat(opened.brief().whatIsWrong().orElseThrow())
                .contains("still running after 6 hours")
                .contains("job log https://ci.example.com/jobs/backup/1234");

        var resolved = world.alert("hook", fixture("generic-resolved.json"));

        assertThat(json(resolved).get("outcome").getAsString()).isEqualTo("noted");
        assertThat(world.escalation(opened.id()).status()).isEqualTo(Status.OPEN);
        assertThat(events(world.escalation(opened.id()))).anyMatch(Event.Noted.class::isInstance);
    }

    @Test
    void theGenericFormsSeverityMayBeAWordOfTheIntegrationsMapInAnyCase() {
        var opened = world.escalationOf(world.alert(
                "hook", fixture("generic-firing.json").replace("\"severity\": \"2\"", "\"severity\": \"Critical\"")));

        assertThat(opened.severity()).isEqualTo(new Severity(1));
    }

    @Test
    void pastTheLimitNewGroupsJoinOneStormEscalationUntilTheMinutePasses() {
        var answers = new ArrayList<HttpResponse<String>>();
        for (int i = 1; i <= 8; i++) {
            answers.add(world.alert("noisy", generic("group-" + i, "firing")));
        }

        assertThat(answers)
                .extracting(answer -> json(answer).get("outcome").getAsString())
                .containsExactly("opened", "opened", "opened", "storm", "storm", "storm", "storm", "storm");
        var storm = world.escalationOf(answers.get(3));
        assertThat(answers.subList(3, 8))
                .allMatch(answer -> world.escalationOf(answer).id().equals(storm.id()));
        assertThat(storm.title()).startsWith("Alert storm: more than 3 new alert groups from noisy");
        assertThat(world.unresolved()).isEqualTo(4);
        assertThat(events(world.escalation(storm.id())))
                .filteredOn(Event.AlertFired.class::isInstance)
                .extracting(event -> ((Event.AlertFired) event).newAlerts())
                .containsExactly(
                        List.of("#1 Problem group-4"),
                        List.of("#2 Problem group-5"),
                        List.of("#3 Problem group-6"),
                        List.of("#4 Problem group-7"),
                        List.of("#5 Problem group-8"));

        world.clock.advance(Duration.ofMinutes(1));
        var calm = world.alert("noisy", generic("group-9", "firing"));
        assertThat(json(calm).get("outcome").getAsString()).isEqualTo("opened");
        assertThat(world.escalationOf(calm).id()).isNotEqualTo(storm.id());
    }

    @Test
    void newGroupsArrivingOverTheSecondsOfOneMinuteAreCountedTogetherAndTheStormNamesThatMinute() {
        world.clock.advance(Duration.ofSeconds(20));
        var answers = new ArrayList<HttpResponse<String>>();
        for (int i = 1; i <= 5; i++) {
            answers.add(world.alert("noisy", generic("group-" + i, "firing")));
            world.clock.advance(Duration.ofSeconds(7));
        }

        assertThat(answers)
                .as("10:00:20 to 10:00:48: one minute")
                .extracting(answer -> json(answer).get("outcome").getAsString())
                .containsExactly("opened", "opened", "opened", "storm", "storm");
        assertThat(world.escalationOf(answers.get(3)).title())
                .isEqualTo("Alert storm: more than 3 new alert groups from noisy in the minute from 10:00 UTC");
    }

    /**
     * More senders of one group at once than the desk has attempts: before alerts of one key took turns, the sixth
     * and later of one round of racing re-fires lost every attempt and were answered 503.
     */
    @Test
    void manySendersOfOneGroupAtOnceAreEachAnswered202OnOneEscalation() throws Exception {
        var body = fixture("alertmanager-firing.json");
        var opened = world.escalationOf(world.alert("prom", body));
        var answers = new java.util.concurrent.ConcurrentLinkedQueue<HttpResponse<String>>();

        dev.escalator.testing.Together.run(java.util.stream.IntStream.range(0, 12)
                .<Runnable>mapToObj(i -> () -> answers.add(world.alert("prom", body)))
                .toArray(Runnable[]::new));

        assertThat(answers)
                .hasSize(12)
                .allSatisfy(answer ->
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
        assertThat(answers)
                .allSatisfy(
                        answer -> assertThat(world.escalationOf(answer).id()).isEqualTo(opened.id()));
    }

    @Test
    void twoReplicasReceivingTheSameAlertAtOnceOpenOneEscalation() throws Exception {
        var other = world.addReplica("replica-b");
        var replicas = List.of(world.replica, other);
        var body = fixture("alertmanager-firing.json");
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                var replica = replicas.get(i % 2);
                Callable<HttpResponse<String>> send =
                        () -> replica.post("/alerts/prom", body, Optional.of(AlertWorld.TOKENS.get("PROM_TOKEN")));
                sent.add(pool.submit(send));
            }
        }

        var ids = new ArrayList<String>();
        for (var answer : sent) {
            ids.add(world.escalationOf(answer.get()).id().toString());
        }
        assertThat(ids).containsOnly("ESC-1");
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void refusalsStoreNothing() {
        var missing = world.replica.post("/alerts/prom", fixture("alertmanager-firing.json"), Optional.empty());
        var wrong = world.replica.post("/alerts/prom", fixture("alertmanager-firing.json"), Optional.of("graf-secret"));
        var badPagerDuty = world.enqueue(fixture("pagerduty-trigger.json").replace("pd-routing-key", "other-key"));
        var unknown = world.replica.post("/alerts/nagios", fixture("generic-firing.json"), Optional.of("hook-secret"));
        var noVersion = world.alert("prom", fixture("alertmanager-firing.json").replace("\"version\": \"4\",", ""));
        var noSummary = world.enqueue(
                fixture("pagerduty-trigger.json").replace("\"summary\": \"Disk 97% full on ledger db-3\",", ""));
        var notJson = world.alert("hook", "{not json");
        var emptyGroup =
                JsonParser.parseString(fixture("alertmanager-firing.json")).getAsJsonObject();
        emptyGroup.add("alerts", new JsonArray());
        var noAlerts = world.alert("prom", emptyGroup.toString());
        var unknownSeverity = world.alert(
                "hook", fixture("generic-firing.json").replace("\"severity\": \"2\"", "\"severity\": \"crtical\""));
        var tooLarge = world.alert("hook", "{\"key\": \"" + "x".repeat(1024 * 1024) + "\"}");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(badPagerDuty.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).get("field").getAsString()).isEqualTo("version");
        assertThat(noSummary.statusCode()).isEqualTo(400);
        assertThat(json(noSummary).get("field").getAsString()).isEqualTo("payload.summary");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noAlerts.statusCode())
                .as("a group without alerts opens nothing")
                .isEqualTo(400);
        assertThat(json(noAlerts).get("field").getAsString()).isEqualTo("alerts");
        assertThat(unknownSeverity.statusCode())
                .as("a severity the integration cannot read is not taken as the default 3")
                .isEqualTo(400);
        assertThat(json(unknownSeverity).get("field").getAsString()).isEqualTo("severity");
        assertThat(json(unknownSeverity).get("error").getAsString()).contains("critical, error, warning, info");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(world.unresolved()).isZero();
        assertThat(world.mongo.connect().database().getCollection("alert_keys").countDocuments())
                .isZero();
    }

    @Test
    void anUnreachableStoreIsA503SoThatTheSenderRetries() {
        world.storeLink.cut();
        HttpResponse<String> answer;
        try {
            answer = world.alert("prom", fixture("alertmanager-firing.json"));
        } finally {
            world.storeLink.restore();
        }

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        var retried = world.alert("prom", fixture("alertmanager-firing.json"));
        assertThat(world.escalationOf(retried).status()).isEqualTo(Status.OPEN);
    }

    @Test
    void everyRequestIsCountedByIntegrationAndOutcome() {
        world.alert("prom", fixture("alertmanager-firing.json"));
        world.alert("prom", fixture("alertmanager-firing.json"));
        world.replica.post("/alerts/prom", "{}", Optional.of("wrong"));

        String scraped = world.metrics();

        assertThat(scraped)
                .contains("escalator_alerts_received_total{integration=\"prom\",outcome=\"opened\"} 1.0")
                .contains("escalator_alerts_received_total{integration=\"prom\",outcome=\"refired\"} 1.0")
                .contains("escalator_alerts_received_total{integration=\"prom\",outcome=\"refused\"} 1.0")
                .doesNotContain("prom-secret");
    }

    @Test
    void anUnknownIntegrationAndATooLargeBodyAreCountedAsRefusalsAndLoggedWithTheirReason() {
        var captured = new ListAppender<ILoggingEvent>();
        var routes = (Logger) LoggerFactory.getLogger(AlertRoutes.class);
        captured.start();
        routes.addAppender(captured);
        try {
            var unknown =
                    world.replica.post("/alerts/nagios", fixture("generic-firing.json"), Optional.of("hook-secret"));
            var tooLarge = world.alert("hook", "{\"key\": \"" + "x".repeat(1024 * 1024) + "\"}");
            var tooLargeEvent = world.enqueue("{\"routing_key\": \"" + "x".repeat(1024 * 1024) + "\"}");

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLargeEvent.statusCode()).isEqualTo(413);
        } finally {
            routes.detachAppender(captured);
        }

        assertThat(world.metrics())
                .contains("escalator_alerts_received_total{integration=\"unknown\",outcome=\"refused\"} 1.0")
                .contains("escalator_alerts_received_total{integration=\"hook\",outcome=\"refused\"} 1.0")
                .contains("escalator_alerts_refused_total{integration=\"unknown\",reason=\"unknown_integration\"} 1.0")
                .contains("escalator_alerts_refused_total{integration=\"hook\",reason=\"too_large\"} 1.0")
                .contains("escalator_alerts_refused_total{integration=\"pagerduty\",reason=\"too_large\"} 1.0");
        List<String> lines =
                captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).contains("refused with 404", "nagios"))
                .anySatisfy(line -> assertThat(line).contains("hook", "refused with 413", "over 1 MB"))
                .anySatisfy(line -> assertThat(line).contains("pagerduty", "refused with 413", "over 1 MB"))
                .hasSize(3)
                .noneSatisfy(line -> assertThat(line).contains("secret"));
    }

    private static List<Event> events(dev.escalator.core.Escalation escalation) {
        return escalation.timeline().stream().map(TimelineEntry::event).toList();
    }
}
