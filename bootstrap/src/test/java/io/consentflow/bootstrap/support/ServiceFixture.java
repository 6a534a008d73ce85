package io.consentflow.bootstrap.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The running service of one end-to-end test class, as a JUnit extension: started on a fresh database before the
 * class's first test and closed after its last, with what the class needs set up through the public API first
 * (the consent flows imported, the opt-in flow started for new contacts). Register it as a static field:
 * <pre>{@code
 * @RegisterExtension static final ServiceFixture service = ServiceFixture.fresh().withConsentFlows();
 * static final Http http = service.http();
 * }</pre>
 */
public final class ServiceFixture implements BeforeAllCallback, AfterAllCallback {
    /** Glific-shaped export of the two consent flows: opt-in (keyword {@code optin}) and opt-out. */
    public static final String CONSENT_FLOWS = "/fixtures/consent-flows.json";
    /** The opt-in flow's uuid in {@link #CONSENT_FLOWS}. */
    public static final String OPTIN = "5b3c1d2e-0000-4a6b-9c8d-111111111111";

    private final Supplier<RunningService> start;
    private final String hookToken;
    private final StandInProvider provider;
    private boolean consentFlows;
    private boolean optinForNewContacts;
    private RunningService service;
    private final Http http = new Http(() -> service.http.base(), RunningService.API_KEY);

    private ServiceFixture(Supplier<RunningService> start, String hookToken, StandInProvider provider) {
        this.start = start;
        this.hookToken = hookToken;
        this.provider = provider;
    }

    /** The service as main starts it, sending nowhere (messages are logged). */
    public static ServiceFixture fresh() {
        return new ServiceFixture(RunningService::fresh, null, null);
    }

    /** As {@link #fresh}, with Gupshup's webhook guarded by {@code ?token=}. */
    public static ServiceFixture withHookToken(String token) {
        return new ServiceFixture(() -> new RunningService(TestDatabase.empty(), token), token, null);
    }

    /** Delivering through a stand-in Gupshup ({@link StandInProvider#gupshup()}), closed with the service. */
    public static ServiceFixture deliveringToGupshup(StandInProvider gupshup) {
        return deliveringToGupshup(gupshup, Duration.ofSeconds(2));
    }

    /** As {@link #deliveringToGupshup(StandInProvider)}, each call given up after {@code timeout}. */
    public static ServiceFixture deliveringToGupshup(StandInProvider gupshup, Duration timeout) {
        return new ServiceFixture(() -> RunningService.withProvider(new SenderSettings("gupshup", gupshup.base(),
                "gs-api-key", "917834811114", "NgoBot", null, timeout), null), null, gupshup);
    }

    /** Delivering through a stand-in Graph API ({@link StandInProvider#meta()}), callbacks signed with the secret. */
    public static ServiceFixture deliveringToMeta(StandInProvider graph, String appSecret) {
        return new ServiceFixture(() -> RunningService.withProvider(new SenderSettings("meta", graph.base(),
                "meta-token", null, null, "106540352242922", Duration.ofSeconds(2)), appSecret), null, graph);
    }

    /** Imports {@link #CONSENT_FLOWS} through the flows API before the first test. */
    public ServiceFixture withConsentFlows() {
        this.consentFlows = true;
        return this;
    }

    /** Makes the opt-in flow the one every new contact starts (the settings API). */
    public ServiceFixture optinForNewContacts() {
        this.optinForNewContacts = true;
        return this;
    }

    /** The service's HTTP API, with the API key; usable once the class's tests run. */
    public Http http() {
        return http;
    }

    public RunningService service() {
        return service;
    }

    /** A Gupshup callback posted to the webhook, with the token when the service wants one; its answer as given. */
    public Http.Response gupshupCallback(String body) {
        return http.post("/webhooks/gupshup" + (hookToken == null ? "" : "?token=" + hookToken), body);
    }

    /** The service's database, for what a test checks or arranges below the API. */
    public TestDatabase db() {
        return service.db;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        service = start.get();
        if (consentFlows) importConsentFlows(service.http);
        if (optinForNewContacts) {
            Http.Response settings = service.http.put("/api/v1/settings",
                    "{\"optinFlow\":null,\"newContactFlow\":\"" + OPTIN + "\"}");
            assertEquals(200, settings.status(), settings.body());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (service != null) service.close();
        } finally {
            if (provider != null) provider.close();
        }
    }

    /** Imports {@link #CONSENT_FLOWS}: both flows are stored. */
    public static void importConsentFlows(Http http) {
        Http.Response imported = http.post("/api/v1/flows/import", resource(CONSENT_FLOWS));
        assertEquals(201, imported.status(), imported.body());
        assertEquals(2, imported.json().size(), imported.body());
    }

    /** The definition of flow {@code i} of {@link #CONSENT_FLOWS} (0: opt-in, 1: opt-out), to import in other forms. */
    public static JsonNode consentFlowDefinition(int i) {
        try {
            return Http.JSON.readTree(resource(CONSENT_FLOWS)).get("flows").get(i).get("definition");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as text. */
    public static String resource(String path) {
        try (InputStream in = ServiceFixture.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
