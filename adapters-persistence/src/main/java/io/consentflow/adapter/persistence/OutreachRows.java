package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.adapter.persistence.json.AdapterJson;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.effect.Recipients;
import io.consentflow.domain.flow.effect.Ticket;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The rows of V9's tables: a ticket, and queued outreach with its work as JSON ({@code outreach.work}: a
 * broadcast's {@code {"messages":[{"type","text","content"}]}}, the content as {@code messages.content} stores it;
 * a flow start's {@code {"flow_uuid","flow_name","skip_in_a_flow"}}).
 */
final class OutreachRows {
    static final String INSERT_TICKET = "INSERT INTO tickets (id, phone, flow_uuid, run_id, topic, body, assignee,"
            + " opened_at) VALUES (?, ?, ?, CAST(? AS uuid), ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    static final String INSERT_OUTREACH = "INSERT INTO outreach (id, kind, work, phones, groups, sender, flow_uuid,"
            + " run_id, created_at) VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS uuid), ?)"
            + " ON CONFLICT (id) DO NOTHING";
    static final String OUTREACH_COLUMNS = "o.id, o.kind, o.work, o.phones, o.groups, o.sender, o.flow_uuid, o.run_id,"
            + " o.created_at";
    static final String TICKET_COLUMNS = "id, phone, flow_uuid, run_id, topic, body, assignee, opened_at";

    private OutreachRows() {
    }

    /** The insert of one effect, for the transaction of the sprint that produced it. */
    static Sql insert(Effect effect) {
        if (effect instanceof Ticket t) {
            return new Sql(INSERT_TICKET, p -> p.uuid(t.id()).text(t.phone().digits()).text(t.flowUuid())
                    .uuidText(t.runId()).text(t.topic()).text(t.body()).text(t.assignee()).time(t.openedAt()));
        }
        Outreach o = (Outreach) effect;
        String kind = o.work() instanceof Outreach.Broadcast ? "broadcast" : "start_flow";
        String work = work(o.work());
        List<String> phones = o.recipients().phones().stream().map(Phone::digits).toList();
        return new Sql(INSERT_OUTREACH, p -> p.uuid(o.id()).text(kind).text(work).textArray(phones)
                .textArray(o.recipients().groups()).text(o.sender().digits()).text(o.flowUuid()).uuidText(o.runId())
                .time(o.at()));
    }

    static String work(Outreach.Work work) {
        ObjectNode node = AdapterJson.MAPPER.createObjectNode();
        if (work instanceof Outreach.Broadcast b) {
            ArrayNode messages = node.putArray("messages");
            for (Outreach.Part part : b.messages()) {
                messages.addObject().put("type", part.type().wire()).put("text", part.text())
                        .set("content", StoredJson.tree(StoredJson.content(part.content()), "outreach.work"));
            }
        } else {
            Outreach.StartFlow s = (Outreach.StartFlow) work;
            node.put("flow_uuid", s.flowUuid()).put("flow_name", s.flowName())
                    .put("skip_in_a_flow", s.skipContactsInAFlow());
        }
        return node.toString();
    }

    /** An outreach row read with {@link #OUTREACH_COLUMNS}. */
    static Outreach outreach(ResultSet rs) throws SQLException {
        JsonNode work = StoredJson.tree(rs.getString("work"), "outreach.work");
        Outreach.Work w;
        if ("broadcast".equals(rs.getString("kind"))) {
            List<Outreach.Part> parts = new ArrayList<>();
            for (JsonNode m : work.path("messages")) {
                OutboundContent content = StoredJson.content(m.path("content").toString());
                parts.add(new Outreach.Part(MessageType.fromWire(m.path("type").asText()).orElse(MessageType.TEXT),
                        m.path("text").isNull() ? null : m.path("text").asText(), content));
            }
            w = new Outreach.Broadcast(parts);
        } else {
            w = new Outreach.StartFlow(work.path("flow_uuid").asText(),
                    work.path("flow_name").isTextual() ? work.path("flow_name").asText() : null,
                    work.path("skip_in_a_flow").asBoolean(false));
        }
        List<Phone> phones = strings(rs.getArray("phones")).stream().map(Phone::new).toList();
        String runId = rs.getString("run_id");
        return new Outreach(rs.getObject("id", UUID.class), w, new Recipients(phones, strings(rs.getArray("groups"))),
                new Phone(rs.getString("sender")), rs.getString("flow_uuid"),
                runId == null ? null : UUID.fromString(runId), Times.instant(rs, "created_at"));
    }

    static Ticket ticket(ResultSet rs) throws SQLException {
        String runId = rs.getString("run_id");
        return new Ticket(rs.getObject("id", UUID.class), new Phone(rs.getString("phone")), rs.getString("flow_uuid"),
                runId == null ? null : UUID.fromString(runId), rs.getString("topic"), rs.getString("body"),
                rs.getString("assignee"), Times.instant(rs, "opened_at"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
