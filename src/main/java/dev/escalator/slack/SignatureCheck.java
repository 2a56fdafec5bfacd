package dev.escalator.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Checks a request's {@code X-Slack-Signature} and {@code X-Slack-Request-Timestamp} in place of Bolt's own verifier,
 * which compares the signature with {@code String.equals} (its time depends on how many leading characters match) and
 * takes any timestamp from the future. Here the signature is compared in constant time and the timestamp must be
 * within {@link #TOLERANCE} of now either way, so a captured request cannot be replayed later, nor one signed ahead.
 */
final class SignatureCheck extends SlackSignature.Verifier {
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SlackSignature.Generator signatures;

    SignatureCheck(String signingSecret) {
        this(new SlackSignature.Generator(signingSecret));
    }

    private SignatureCheck(SlackSignature.Generator signatures) {
        super(signatures);
        this.signatures = signatures;
    }

    @Override
    public boolean isValid(String timestamp, String body, String signature, long nowMillis) {
        if (timestamp == null || signature == null || !recent(timestamp, nowMillis)) {
            return false;
        }
        String expected = signatures.generate(timestamp, body);
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean recent(String timestamp, long nowMillis) {
        try {
            long sentMillis = Math.multiplyExact(Long.parseLong(timestamp.strip()), 1000L);
            return Math.abs(Math.subtractExact(nowMillis, sentMillis)) <= TOLERANCE.toMillis();
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }
}
