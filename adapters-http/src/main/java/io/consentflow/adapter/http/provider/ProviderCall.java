package io.consentflow.adapter.http.provider;

import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.domain.message.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sender reaches its provider: one POST per message to the provider's base URL, within the configured
 * timeout, authenticated by one header; the answer's failures sorted into retry-later and never-will-work. What
 * each provider puts in the body and reads from its answer stays with its sender.
 */
public final class ProviderCall {
    private static final Logger log = LoggerFactory.getLogger(ProviderCall.class);
    /** A phone number as providers quote it in errors: 8 to 15 digits (a timestamp is masked too: no harm). */
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)(\\d{8,15})(?!\\d)");
    private static final int BRIEF = 300;

    /** Where a provider reads its credential: the header, and what stands before the key in it. */
    public record Auth(String header, String valuePrefix) {
    }

    private final Supplier<HttpClient> client;
    private final SenderSettings settings;
    private final Auth auth;

    /** @param client made on the first call (see {@link ProviderClient}): the log provider never makes one */
    public ProviderCall(Supplier<HttpClient> client, SenderSettings settings, Auth auth) {
        this.client = client;
        this.settings = settings;
        this.auth = auth;
    }

    /** What a provider's error answer means, as its sender reads the answer's body. */
    public enum ErrorKind {
        /** We sent too much, too fast: try again later, and slower. */
        RATE_LIMITED,
        /** Something on the provider's side that a later try may not meet. */
        TEMPORARY,
        /** Will never work as it is. */
        PERMANENT
    }

    /**
     * Posts {@code body} to the base URL plus {@code path} for message {@code m}. A 2xx answer is read by
     * {@code onSuccess}. An error answer is {@link SendResult.RateLimited} when it is HTTP 429 or {@code errorKind}
     * reads a rate limit in its body (Meta answers its rate-limit codes with 400), retried later when it is 408, 5xx
     * or {@code errorKind} says temporary, and rejected otherwise.
     */
    public SendResult post(String path, String contentType, String body, OutboundMessage m,
                           Function<String, SendResult> onSuccess, Function<String, ErrorKind> errorKind) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl().toString() + path))
                .timeout(settings.timeout())
                .header(auth.header(), auth.valuePrefix() + settings.apiKey())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new SendResult.Retry("network: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted");
        }
        int status = response.statusCode();
        String answer = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) return onSuccess.apply(answer);
        // the answer is stored as the message's failure reason and logged: a provider quotes the recipient in it
        String brief = status + " " + maskPhones(answer.length() > BRIEF ? answer.substring(0, BRIEF) : answer);
        if (status >= 500) {
            log.warn("provider answered {} for message {} to {}: {}", status, m.id(), m.phone().masked(), brief);
        }
        ErrorKind kind = errorKind.apply(answer);
        if (status == 429 || kind == ErrorKind.RATE_LIMITED) return new SendResult.RateLimited(brief);
        if (status >= 500 || status == 408 || kind == ErrorKind.TEMPORARY) return new SendResult.Retry(brief);
        return new SendResult.Rejected(brief);
    }

    /** Every run of 8 to 15 digits shown as a phone is ({@code 919*******78}). */
    public static String maskPhones(String text) {
        Matcher matcher = PHONE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String digits = matcher.group(1);
            int keep = Math.min(3, digits.length() - 2);
            String masked = digits.substring(0, keep) + "*".repeat(digits.length() - keep - 2)
                    + digits.substring(digits.length() - 2);
            matcher.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
