package io.consentflow.adapter.http.meta;

import io.consentflow.adapter.http.provider.ProviderCall;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryFailure;

import java.util.Set;

/**
 * Meta's Cloud API error codes (an error answer's {@code error.code}, a failed status's {@code errors[0].code})
 * in our words: which say "too much, too fast" and which are worth sending again.
 */
final class MetaErrors {
    /**
     * Rate limits: the number's throughput (130429), messages to one user (131056, "pair rate"), the app's calls
     * (4) and the business account's calls (80007). A later try may pass.
     */
    private static final Set<Integer> RATE_LIMITS = Set.of(130429, 131056, 4, 80007);
    /** Temporary errors on Meta's side: "something went wrong" (131000) and "service unavailable" (131016). */
    private static final Set<Integer> TEMPORARY = Set.of(131000, 131016);

    private MetaErrors() {
    }

    /**
     * What a send refused with this code means: a rate limit (retried, and the pace slows down: Meta asks for
     * fewer messages a second after 130429, and for a pause before the same user is written again after 131056),
     * a temporary error (retried) or neither (failed).
     */
    static ProviderCall.ErrorKind kind(int code) {
        if (RATE_LIMITS.contains(code)) return ProviderCall.ErrorKind.RATE_LIMITED;
        return TEMPORARY.contains(code) ? ProviderCall.ErrorKind.TEMPORARY : ProviderCall.ErrorKind.PERMANENT;
    }

    /** "User's marketing message preference": the contact stopped marketing messages from us. */
    static final int MARKETING_STOPPED = 131050;

    /** @param code the code as Meta sent it, or null */
    static DeliveryFailure failure(String code) {
        if (code == null || !code.matches("[0-9]{1,9}")) return DeliveryFailure.OTHER;
        int n = Integer.parseInt(code);
        if (n == MARKETING_STOPPED) return DeliveryFailure.MARKETING_STOPPED;
        return RATE_LIMITS.contains(n) ? DeliveryFailure.RATE_LIMITED : DeliveryFailure.OTHER;
    }
}
