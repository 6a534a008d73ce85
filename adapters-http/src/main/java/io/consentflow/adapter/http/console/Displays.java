package io.consentflow.adapter.http.console;

import io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastView;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastTally;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.template.MessageTemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Domain values as the console shows them: times in UTC, wire names, messages as bubbles. */
final class Displays {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Displays() {
    }

    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** A provider's or a flow's URL as a link: only http(s), never a {@code javascript:} one. */
    static String link(String url) {
        if (url == null) return null;
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    static ContactLine line(Contact c) {
        return new ContactLine(c.phone().digits(), c.name() == null ? "" : c.name(), c.consent().state().wire(),
                c.status().wire(), time(c.lastInboundAt()));
    }

    static TemplateLine line(MessageTemplate t) {
        return new TemplateLine(t.id().toString(), t.name(), t.language(), t.category().wire(), t.body(),
                t.providerId() == null ? "—" : t.providerId());
    }

    static BroadcastLine line(BroadcastView view) {
        Broadcast b = view.broadcast();
        BroadcastTally t = view.tally();
        return new BroadcastLine(b.id().toString(), b.name(), b.status().wire(), what(b.content()), t.recipients(),
                t.sent(), t.delivered(), t.read(), t.failed(), t.refusedTotal(), time(b.createdAt()), time(b.at()));
    }

    /** @param audience whom it is for, as the console names it */
    static BroadcastPage page(BroadcastView view, String audience, String notice) {
        Broadcast b = view.broadcast();
        BroadcastTally t = view.tally();
        List<BroadcastPage.Figure> refused = t.refused().entrySet().stream()
                .map(e -> new BroadcastPage.Figure(e.getKey(), e.getValue())).toList();
        return new BroadcastPage(b.id().toString(), b.name(), b.status().wire(), what(b.content()), audience,
                time(b.at()), time(b.createdAt()), time(b.startedAt()), time(b.endedAt()), t.recipients(), t.queued(),
                t.sent(), t.delivered(), t.read(), t.failed(), refused, t.refusedTotal(),
                b.flow() ? t.started() : null, b.status().cancellable(), notice);
    }

    static String what(BroadcastContent content) {
        if (content instanceof BroadcastContent.TemplateSend s) return Console.templateText(s.name(), s.params());
        return "flow " + ((BroadcastContent.FlowStart) content).flowUuid();
    }

    /**
     * @param messages the end of the conversation, oldest first
     * @param older    whether older messages were left out (evidence among them is shown as its id)
     */
    static ContactPage contact(Contact c, List<ConsentChange> history, List<Message> messages, boolean older,
                               String notice) {
        Set<String> messageIds = new HashSet<>();
        for (Message m : messages) messageIds.add(m.id().toString());
        List<ContactPage.TimelineEntry> timeline = new ArrayList<>();
        for (ConsentChange change : history) {
            String evidence = change.evidence();
            boolean isMessage = evidence != null && messageIds.contains(evidence);
            timeline.add(new ContactPage.TimelineEntry(time(change.at()), change.from().wire(), change.to().wire(),
                    change.method().wire(), isMessage ? null : evidence, isMessage ? evidence : null,
                    change.flowUuid()));
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>(new TreeMap<>(c.fields()).entrySet());
        return new ContactPage(c.phone().digits(), c.name(), c.language(), c.status().wire(),
                c.consent().state().wire(), time(c.lastInboundAt()), time(c.createdAt()), fields,
                c.groups().stream().sorted().toList(), timeline, bubbles(messages), older,
                c.status() == ContactStatus.BLOCKED, notice);
    }

    static List<Bubble> bubbles(List<Message> messages) {
        List<Bubble> out = new ArrayList<>(messages.size());
        for (Message m : messages) out.add(bubble(m));
        return out;
    }

    static Bubble bubble(Message m) {
        String id = m.id().toString();
        if (m instanceof ReceivedMessage r) {
            String media = r.media() == null ? null : link(r.media().url());
            return new Bubble(id, true, time(r.at()), null, r.text(), media, media == null ? null : r.type().wire(),
                    List.of(), null, List.of(), r.status().wire(), null, null);
        }
        OutboundMessage o = (OutboundMessage) m;
        String refusal = o.refusal() == null ? null : o.refusal().code();
        OutboundContent content = o.content();
        if (content instanceof OutboundContent.Text t) {
            return new Bubble(id, false, time(o.at()), null, t.body(), null, null, t.quickReplies(), null, List.of(),
                    o.status().wire(), refusal, o.failure());
        }
        if (content instanceof OutboundContent.InteractiveContent ic) {
            Interactive i = ic.message();
            List<Bubble.ListSection> sections = new ArrayList<>();
            for (Interactive.Section s : i.sections()) {
                sections.add(new Bubble.ListSection(s.title(), s.rows().stream()
                        .map(r -> new Bubble.ListRow(r.title(), r.description())).toList()));
            }
            boolean list = i.kind() == Interactive.Kind.LIST;
            return new Bubble(id, false, time(o.at()), i.header(), i.text(), null, null,
                    list ? List.of() : i.buttons(), list ? i.listButton() : null, sections, o.status().wire(), refusal,
                    o.failure());
        }
        if (content instanceof OutboundContent.MediaContent mc) {
            return new Bubble(id, false, time(o.at()), null, mc.media().caption(), link(mc.media().url()),
                    o.type().wire(), List.of(), null, List.of(), o.status().wire(), refusal, o.failure());
        }
        // a template, or a row stored without content: the text the API shows for it
        return new Bubble(id, false, time(o.at()), null, o.text(), null, null, List.of(), null, List.of(),
                o.status().wire(), refusal, o.failure());
    }
}
