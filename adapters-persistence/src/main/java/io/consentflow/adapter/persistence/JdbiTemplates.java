package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.consentflow.adapter.persistence.json.AdapterJson;
import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The template registry's rows. A write and the registry's version bump commit together, so an instance that sees
 * the new version reads the new rows. A name and language already taken is told by the unique index itself
 * ({@code ON CONFLICT DO NOTHING}), so two instances registering the same pair at once cannot both succeed.
 */
final class JdbiTemplates implements TemplateStore {
    static final String COLUMNS = "id, name, language, category, body, header, footer, buttons, provider_id, "
            + "created_at";
    private static final String BUMP = "UPDATE template_registry SET version = version + 1";
    private static final String INSERT = "INSERT INTO templates (" + COLUMNS + ", updated_at) VALUES (:id, :name, "
            + ":language, :category, :body, :header, :footer, CAST(:buttons AS jsonb), :providerId, :createdAt, now()) "
            + "ON CONFLICT DO NOTHING";
    /** Renames onto a taken name and language change nothing (the NOT EXISTS), checked again by the index. */
    private static final String UPDATE = "UPDATE templates SET name = :name, language = :language, "
            + "category = :category, body = :body, header = :header, footer = :footer, "
            + "buttons = CAST(:buttons AS jsonb), provider_id = :providerId, updated_at = now() WHERE id = :id "
            + "AND NOT EXISTS (SELECT 1 FROM templates o WHERE o.id <> :id AND o.name = :name "
            + "AND lower(o.language) = lower(:language))";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    JdbiTemplates(Database db) {
        this.db = db;
    }

    @Override
    public long version() {
        return db.withHandle(h -> h.createQuery("SELECT version FROM template_registry").mapTo(Long.class).one());
    }

    @Override
    public List<MessageTemplate> all() {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM templates ORDER BY name, created_at")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<MessageTemplate> find(UUID id) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM templates WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public Written add(MessageTemplate t) {
        return db.inTransaction(h -> bumpIf(h, bind(h.createUpdate(INSERT), t).execute() > 0
                ? Written.DONE : Written.NAME_AND_LANGUAGE_TAKEN));
    }

    @Override
    public Written replace(MessageTemplate t) {
        return db.inTransaction(h -> {
            if (bind(h.createUpdate(UPDATE), t).execute() > 0) return bumpIf(h, Written.DONE);
            boolean exists = h.createQuery("SELECT count(*) FROM templates WHERE id = :id").bind("id", t.id())
                    .mapTo(Integer.class).one() > 0;
            return exists ? Written.NAME_AND_LANGUAGE_TAKEN : Written.NOT_FOUND;
        });
    }

    @Override
    public Written delete(UUID id) {
        return db.inTransaction(h -> bumpIf(h, h.createUpdate("DELETE FROM templates WHERE id = :id")
                .bind("id", id).execute() > 0 ? Written.DONE : Written.NOT_FOUND));
    }

    private static Written bumpIf(Handle h, Written written) {
        if (written == Written.DONE) h.execute(BUMP);
        return written;
    }

    private static Update bind(Update u, MessageTemplate t) {
        return u.bind("id", t.id()).bind("name", t.name()).bind("language", t.language())
                .bind("category", t.category().wire()).bind("body", t.body()).bind("header", t.header())
                .bind("footer", t.footer()).bind("buttons", write(t.buttons())).bind("providerId", t.providerId())
                .bind("createdAt", Times.utc(t.createdAt()));
    }

    private static MessageTemplate read(ResultSet rs) throws SQLException {
        return new MessageTemplate(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("language"),
                TemplateCategory.fromWire(rs.getString("category")).orElseThrow(), rs.getString("body"),
                rs.getString("header"), rs.getString("footer"), read(rs.getString("buttons")),
                rs.getString("provider_id"), Times.instant(rs, "created_at"));
    }

    private static String write(List<String> buttons) {
        try {
            return AdapterJson.MAPPER.writeValueAsString(buttons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("buttons cannot be written", e);
        }
    }

    private static List<String> read(String buttons) {
        try {
            return buttons == null ? List.of() : AdapterJson.MAPPER.readValue(buttons, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored templates.buttons cannot be read", e);
        }
    }
}
