package io.consentflow.bootstrap.e2e;

import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.bootstrap.support.RunningService;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run waiting for a reply survives a restart of the service. */
class RestartEndToEndTest {
    @Test
    void aWaitingRunResumesAfterRestart() throws Exception {
        try (RunningService service = RunningService.fresh()) {
            ServiceFixture.importConsentFlows(service.http);
            String p = Gupshup.newPhone();
            assertEquals(200, service.http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "optin")).status());

            service.stop();
            service.start();

            assertEquals(200, service.http.post("/webhooks/gupshup", Gupshup.buttonReply(p, Gupshup.newId(), "👍")).status());
            assertEquals("opted_in", service.http.get("/api/v1/contacts/" + p).json().get("consent").get("status").asText());
        }
    }
}
