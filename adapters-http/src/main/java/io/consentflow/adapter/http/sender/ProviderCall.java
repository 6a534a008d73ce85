package io.consentflow.adapter.http.sender;

import io.consentflow.application.port.out.MessageSender.SendResult;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;

/** One HTTP call to a provider, its failures sorted into retry-later and never-will-work. */
final class ProviderCall {
    private ProviderCall() {
    }

    static SendResult execute(HttpClient client, HttpRequest request, Function<String, SendResult> onSuccess,
                              Function<String, Boolean> retryableError) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new SendResult.Retry("network: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted");
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String brief = status + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        if (status >= 200 && status < 300) return onSuccess.apply(body);
        if (status == 429 || status >= 500 || status == 408) return new SendResult.Retry(brief);
        if (retryableError.apply(body)) return new SendResult.Retry(brief);
        return new SendResult.Rejected(brief);
    }
}
