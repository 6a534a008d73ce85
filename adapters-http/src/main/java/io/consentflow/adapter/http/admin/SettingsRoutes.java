package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.JsonFields;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.domain.policy.OrgSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.mapstruct.factory.Mappers;

/** The organisation's opt-in and new-contact flows. A key missing from a PUT clears that setting. */
public final class SettingsRoutes {
    private static final String SETTINGS = "/api/v1/settings";

    private final Json json;
    private final ManageSettingsUseCase settings;
    private final FlowJsonMapper mapper = Mappers.getMapper(FlowJsonMapper.class);

    public SettingsRoutes(Json json, ManageSettingsUseCase settings) {
        this.json = json;
        this.settings = settings;
    }

    public void register(RoutesConfig routes) {
        routes.get(SETTINGS, ctx -> ctx.json(mapper.toJson(settings.settings())));
        routes.put(SETTINGS, this::update);
    }

    private void update(Context ctx) {
        JsonFields body = json.readObject(ctx.bodyAsBytes());
        OrgSettings wanted = new OrgSettings(flowUuid(body, "optinFlow"), flowUuid(body, "newContactFlow"));
        ctx.json(mapper.toJson(settings.update(wanted)));
    }

    private static String flowUuid(JsonFields body, String name) {
        return body.text(name).filter(s -> !s.isBlank()).map(String::strip).orElse(null);
    }
}
