package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.escalator.chat.ChatFailure;
import java.time.Duration;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How a failed Discord call reaches delivery: given up, retried later, or retried after Discord's wait. */
class DiscordChatFailureTest {

    @ParameterizedTest
    @EnumSource(
            value = ErrorResponse.class,
            names = {"UNKNOWN_CHANNEL", "UNKNOWN_MESSAGE", "MISSING_ACCESS", "MISSING_PERMISSIONS", "THREAD_LOCKED"})
    void aGoneOrForbiddenChannelIsPermanent(ErrorResponse error) {
        assertThat(DiscordChat.failure(answered(error)).permanent()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorResponse.class,
            names = {"UNKNOWN_CHANNEL", "MISSING_ACCESS", "MISSING_PERMISSIONS", "THREAD_LOCKED"})
    void aRefusalAboutTheBotsAccessIsNotAboutTheMessageSoDeliveryParksIt(ErrorResponse error) {
        assertThat(DiscordChat.failure(answered(error)).aboutThisMessage()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorResponse.class,
            names = {"UNKNOWN_MESSAGE", "EMPTY_MESSAGE", "INVALID_FORM_BODY"})
    void aRefusalOfTheMessageItselfIsAboutTheMessageSoDeliveryGivesItUp(ErrorResponse error) {
        ChatFailure failure = DiscordChat.failure(answered(error));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.aboutThisMessage()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorResponse.class,
            names = {"SERVER_ERROR", "UNKNOWN_INTERACTION", "MAX_MESSAGE_PINS"})
    void anythingElseIsRetried(ErrorResponse error) {
        ChatFailure failure = DiscordChat.failure(answered(error));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void aRateLimitIsRetriedAfterDiscordsWait() throws Exception {
        @SuppressWarnings("unchecked")
        RestAction<Message> action = mock(RestAction.class);
        when(action.complete(false)).thenThrow(new RateLimitedException("channels/1/messages", 1500));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> DiscordChat.call(() -> action));

        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure.permanent()).isFalse();
    }

    @Test
    void aChannelMissingFromTheCacheStaysAPermanentFailure() {
        ChatFailure failure = catchThrowableOfType(
                ChatFailure.class,
                () -> DiscordChat.call(() -> {
                    throw ChatFailure.permanentFailure("Discord does not know channel 1");
                }));

        assertThat(failure.permanent()).isTrue();
    }

    private static ErrorResponseException answered(ErrorResponse error) {
        var exception = mock(ErrorResponseException.class);
        when(exception.getErrorResponse()).thenReturn(error);
        when(exception.getErrorCode()).thenReturn(error.getCode());
        when(exception.getMeaning()).thenReturn(error.getMeaning());
        return exception;
    }
}
