package dev.escalator.digest;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.Markup;
import dev.escalator.config.DigestSetting;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.InboundEvents;
import dev.escalator.core.Platform;
import dev.escalator.jobs.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each path's weekly digest at its local day and time, or when the bot starts later that same day.
 *
 * <p>One post per week and path across replicas and restarts: the week is claimed with a unique key in the store
 * ({@link InboundEvents#firstTime}) before anything is posted; whoever loses the claim posts nothing. The replica that
 * holds the claim retries a post that failed for now (rate limit, 5xx) until the local day is over. A platform's final
 * refusal, or a crash of that replica between claim and post, loses that week's digest, with an error in the log: the
 * guarantee is at most once, never twice.
 */
public final class PostWeeklyDigests implements Job {
    private static final Logger log = LoggerFactory.getLogger(PostWeeklyDigests.class);
    /** Longer than a week, so a claim outlives every replica's chance to post the same week. */
    static final Duration REMEMBER_CLAIM = Duration.ofDays(14);
    /** Far more than a path sees in a week; a busier week's digest would count only its newest this many. */
    private static final int MOST_ESCALATIONS = 10_000;
    /** How soon a post that failed for now (a 5xx, a network fault) is tried again. */
    static final Duration RETRY = Duration.ofSeconds(30);

    private final List<DigestSetting> digests;
    private final EscalationStore escalations;
    private final InboundEvents claims;
    private final Map<Platform, ChatPort> chats = new EnumMap<>(Platform.class);
    private final Clock clock;
    /** Weeks this replica already claimed or saw claimed: asked of the store once, not every round of the day. */
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    private final Map<String, Unposted> unposted = new ConcurrentHashMap<>();

    public PostWeeklyDigests(
            List<DigestSetting> digests,
            EscalationStore escalations,
            InboundEvents claims,
            List<ChatPort> chats,
            Clock clock) {
        this.digests = List.copyOf(digests);
        this.escalations = escalations;
        this.claims = claims;
        chats.forEach(chat -> this.chats.put(chat.platform(), chat));
        this.clock = clock;
    }

    @Override
    public String name() {
        return "weekly-digests";
    }

    @Override
    public Optional<Instant> runOnce() {
        Instant now = clock.instant();
        retryUnposted(now);
        var wakeUps = new ArrayList<Instant>();
        for (var setting : digests) {
            var calendar = DigestCalendar.of(setting);
            var week = calendar.latest(now);
            if (calendar.stillPostable(week, now)) {
                postOnce(setting, week, now);
            }
            wakeUps.add(calendar.next(now));
        }
        unposted.values().forEach(waiting -> wakeUps.add(waiting.retryAt()));
        return wakeUps.stream().min(Instant::compareTo);
    }

    /** A claimed week whose post failed for now: this replica, which holds the claim, tries again the same day. */
    private record Unposted(DigestSetting setting, DigestWeek week, String text, ChatImage chart, Instant retryAt) {}

    private void postOnce(DigestSetting setting, DigestWeek week, Instant now) {
        String key = "digest:" + setting.path().value() + ":" + week.key();
        if (settled.contains(key)) {
            return;
        }
        if (!chats.containsKey(setting.channel().platform())) {
            settled.add(key);
            log.warn(
                    "Weekly digest of path {} not posted here: {} is not enabled on this replica",
                    setting.path(),
                    setting.channel().platform().displayName());
            return;
        }
        var opened = escalations.find(EscalationQuery.openedBetween(week.start(), week.end(), MOST_ESCALATIONS)
                .onPath(setting.path()));
        var digest = Digest.of(setting.path(), week, setting.zone(), opened, now);
        var text = DigestText.render(
                digest, setting.zone(), Markup.of(setting.channel().platform()));
        var chart = new ChatImage(
                "escalations-" + setting.path().value() + "-" + week.key() + ".png",
                "Escalations per day on " + setting.path().value() + ", by severity",
                DigestChart.png(digest.days()));
        // read and drawn before the claim: a store that fails here leaves the week unclaimed, to be tried next round
        boolean first = claims.firstTime(key, REMEMBER_CLAIM);
        settled.add(key);
        if (first) {
            attempt(key, new Unposted(setting, week, text, chart, now), now);
        }
    }

    private void retryUnposted(Instant now) {
        unposted.forEach((key, waiting) -> {
            if (waiting.retryAt().isAfter(now)) {
                return;
            }
            if (!DigestCalendar.of(waiting.setting()).stillPostable(waiting.week(), now)) {
                unposted.remove(key);
                log.error(
                        "weekly digest of path {} for {} given up: the day it was due is over",
                        waiting.setting().path(),
                        waiting.week().key());
                return;
            }
            attempt(key, waiting, now);
        });
    }

    private void attempt(String key, Unposted digest, Instant now) {
        var setting = digest.setting();
        try {
            var chat = chats.get(setting.channel().platform());
            if (chat == null) {
                throw ChatFailure.permanentFailure(setting.channel().platform() + " is not connected");
            }
            chat.postImage(setting.channel(), digest.text(), digest.chart());
            unposted.remove(key);
            log.info(
                    "weekly digest of path {} for {} posted on {}",
                    setting.path(),
                    digest.week().key(),
                    setting.channel().platform());
        } catch (ChatFailure failure) {
            if (failure.permanent()) {
                unposted.remove(key);
                log.error(
                        "weekly digest of path {} for {} not posted: {}",
                        setting.path(),
                        digest.week().key(),
                        failure.getMessage());
                return;
            }
            Duration wait = failure.retryAfter().orElse(RETRY);
            unposted.put(key, new Unposted(setting, digest.week(), digest.text(), digest.chart(), now.plus(wait)));
            log.warn(
                    "weekly digest of path {} for {} not posted yet, trying again in {} s: {}",
                    setting.path(),
                    digest.week().key(),
                    wait.toSeconds(),
                    failure.getMessage());
        }
    }
}
