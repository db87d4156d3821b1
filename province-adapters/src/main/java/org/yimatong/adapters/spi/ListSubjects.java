package org.yimatong.adapters.spi;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.validation.Patterns;

/**
 * The subject's list pseudonym ({@code listSub}, DESIGN.md §6 REQ-VER-5) in a native adapter's verification
 * answer. A native platform that answers with the holder's document number has it turned into
 * {@code HMAC-SM3(listKey, normalised number)} here, with the hub's key of the current epoch
 * ({@link AdapterContext#listKeys()}); the number is then dropped: never logged, never in a problem's message,
 * never kept. An answer without a usable number, or a moment without a key, gives an answer without
 * {@code listSub}, never a failure: the member did answer.
 */
public final class ListSubjects {

    /** A list pseudonym: 64 lowercase hex characters. */
    public static final Pattern PATTERN = Patterns.SUBJECT_ID;

    private ListSubjects() {
    }

    /**
     * Asks the context's source for the key now, so it is at hand when the member's answer arrives. The stage
     * completes with the key, or empty when the source fails (or throws) or has not answered within the endpoint's
     * timeout; it never fails.
     */
    public static CompletableFuture<Optional<byte[]>> keyFor(AdapterContext context, MemberEndpoint endpoint) {
        CompletionStage<byte[]> stage;
        try {
            stage = context.listKeys().current();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return stage.toCompletableFuture()
                .thenApply(key -> key == null || key.length == 0 ? Optional.<byte[]>empty() : Optional.of(key))
                .exceptionally(failure -> Optional.empty())
                .completeOnTimeout(Optional.empty(), endpoint.timeout().toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The resident ID number (GB 11643: resident ID card, residence permits for Hong Kong, Macao and Taiwan
     * residents) a native answer gave, normalised, or {@code null} when it gave none or none that is valid today
     * in China by {@code clock}. Its {@code toString()} is the mask, so it cannot leak through a message.
     */
    public static ResidentIdNumber holder(String nativeNumber, Clock clock) {
        if (nativeNumber == null || nativeNumber.isBlank()
                || ResidentIdNumber.validate(nativeNumber, clock).isPresent()) {
            return null;
        }
        return ResidentIdNumber.parse(nativeNumber, null, clock);
    }

    /** {@code holder}'s pseudonym under {@code key}, or {@code null} without either. */
    public static String listSub(ResidentIdNumber holder, Optional<byte[]> key) {
        if (holder == null || key.isEmpty()) {
            return null;
        }
        return holder.pseudonym(key.get());
    }

    /** Whether {@code value} is a well-formed list pseudonym. */
    public static boolean isPseudonym(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
