package io.consentflow.adapter.http;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.CheckHealthUseCase;
import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.domain.policy.FlowRoles;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.application.port.in.ViewTicketsUseCase;
import io.consentflow.adapter.http.provider.SkippedEvents;
import io.consentflow.domain.flow.effect.Ticket;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.policy.OrgSettings;
import io.consentflow.domain.message.RefusalReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory use cases: each records what it was called with and answers from canned state. {@code failWith}
 * makes every call of every fake throw, to test how the adapter maps failures.
 */
final class Fakes {
    final List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<Phone, Contact> contacts = new LinkedHashMap<>();
    final Map<Phone, List<ConsentChange>> histories = new LinkedHashMap<>();
    final Map<Phone, List<Message>> messages = new LinkedHashMap<>();
    final Map<String, StoredFlow> flows = new LinkedHashMap<>();
    RuntimeException failWith;
    RuntimeException flowFailure;
    RuntimeException sendFailure;
    boolean databaseUp = true;
    OrgSettings settings = OrgSettings.NONE;

    final Receive receive = new Receive();
    final ChangeConsent changeConsent = new ChangeConsent();
    final View view = new View();
    final Flows manageFlows = new Flows();
    final Settings manageSettings = new Settings();
    final Deliveries deliveries = new Deliveries();
    final Send send = new Send();
    final Templates manageTemplates = new Templates();
    final Map<UUID, io.consentflow.domain.template.MessageTemplate> templates = new LinkedHashMap<>();
    final List<Ticket> tickets = new ArrayList<>();
    final Map<UUID, ResumeFlowUseCase.Outcome> runs = new LinkedHashMap<>();
    final Tickets viewTickets = new Tickets();
    final Resume resumeFlow = new Resume();
    final Map<UUID, io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastView> broadcasts =
            new LinkedHashMap<>();
    final BroadcastsFake manageBroadcasts = new BroadcastsFake();
    final CheckHealthUseCase health = () -> {
        fail();
        return databaseUp;
    };

    /** No console (no random for its tokens): its pages are tested in the console package and end to end. */
    HttpAdapter adapter(HttpSettings httpSettings) {
        return new HttpAdapter(httpSettings, useCases(), java.time.Clock.systemUTC(), SkippedEvents.NONE, null);
    }

    /** Every route set served; the contact-management, import and group routes are not faked here. */
    HttpUseCases useCases() {
        Unused unused = new Unused();
        return new HttpUseCases(
                receive,          // receiveMessage
                changeConsent,
                deliveries,       // recordDeliveryStatus
                view,             // viewContacts
                unused,           // manageContacts
                unused,           // importContacts
                send,             // sendMessage
                unused,           // manageGroups
                manageFlows,
                manageSettings,
                manageTemplates,
                health,           // checkHealth
                viewTickets,
                manageBroadcasts,
                resumeFlow,
                null);            // viewDashboard: no console
    }

    @SuppressWarnings("unchecked")
    <T> List<T> calls(Class<T> type) {
        synchronized (calls) {
            return calls.stream().filter(type::isInstance).map(c -> (T) c).toList();
        }
    }

    private void fail() {
        if (failWith != null) throw failWith;
    }

    // ---- canned domain objects -----------------------------------------------------------------------------

    static Flow flow(String uuid, String name, List<String> keywords, boolean ignoreKeywords, boolean active) {
        Node node = new Node(UUID.randomUUID().toString(), List.of(), null,
                List.of(new Exit(UUID.randomUUID().toString(), null)));
        return new Flow(uuid, name, List.of(node), 0, keywords.stream().map(Keyword::of).toList(), ignoreKeywords,
                active);
    }

    static OutboundMessage outbound(UUID id, Phone phone, String text, MessageStatus status, String flow,
                                    String reason, Instant at) {
        RefusalReason refusal = status == MessageStatus.REFUSED ? RefusalReason.fromCode(reason).orElseThrow() : null;
        return new OutboundMessage(id, phone, MessageType.TEXT, text, new OutboundContent.Text(text, List.of()),
                status, flow, null, false, at, "gupshup", null, refusal, refusal == null ? reason : null);
    }

    // ---- the fakes ---------------------------------------------------------------------------------------

    /** Records each draft; answers from {@code templates}; a name and language taken is refused. */
    final class Templates implements io.consentflow.application.port.in.ManageTemplatesUseCase {
        @Override
        public io.consentflow.domain.template.MessageTemplate register(TemplateDraft d) {
            fail();
            calls.add(d);
            boolean taken = templates.values().stream().anyMatch(t -> t.name().equals(d.name())
                    && t.language().equalsIgnoreCase(d.language()));
            if (taken) throw new TemplateTakenException(d.name(), d.language());
            var t = entry(UUID.randomUUID(), d);
            templates.put(t.id(), t);
            return t;
        }

        @Override
        public Optional<io.consentflow.domain.template.MessageTemplate> replace(UUID id, TemplateDraft d) {
            fail();
            calls.add(d);
            if (!templates.containsKey(id)) return Optional.empty();
            var t = entry(id, d);
            templates.put(id, t);
            return Optional.of(t);
        }

        @Override
        public boolean delete(UUID id) {
            fail();
            return templates.remove(id) != null;
        }

        @Override
        public Optional<io.consentflow.domain.template.MessageTemplate> template(UUID id) {
            fail();
            return Optional.ofNullable(templates.get(id));
        }

        @Override
        public List<io.consentflow.domain.template.MessageTemplate> templates(String name) {
            fail();
            return templates.values().stream().filter(t -> name == null || t.name().equals(name)).toList();
        }

        private io.consentflow.domain.template.MessageTemplate entry(UUID id, TemplateDraft d) {
            return new io.consentflow.domain.template.MessageTemplate(id, d.name(), d.language(), d.category(),
                    d.body(), d.header(), d.footer(), d.buttons(), d.providerId(),
                    Instant.parse("2026-03-01T00:00:00Z"));
        }
    }

    final class Receive implements ReceiveMessageUseCase {
        private final Set<String> seen = new HashSet<>();

        @Override
        public Receipt receive(InboundMessage message) {
            fail();
            calls.add(message);
            if (!seen.add(message.provider() + ":" + message.providerId())) return new Receipt(true, null, null);
            return new Receipt(false, UUID.randomUUID(), "nothing runs");
        }
    }

    final class ChangeConsent implements ChangeConsentUseCase {
        @Override
        public Optional<Contact> change(ChangeConsentCommand command) {
            fail();
            calls.add(command);
            Contact c = contacts.get(command.phone());
            if (c == null) {
                if (!command.createIfMissing()) return Optional.empty();
                c = Contact.newContact(command.phone(), null, Instant.EPOCH);
                contacts.put(command.phone(), c);
            }
            Instant at = command.at() == null ? Instant.parse("2026-11-25T12:00:00Z") : command.at();
            if (command.to() == io.consentflow.domain.consent.ConsentState.OPTED_IN) {
                c.optIn(command.method(), command.evidence(), null, at);
            } else {
                c.optOut(command.method(), command.evidence(), null, at);
            }
            return Optional.of(c);
        }
    }

    final class View implements ViewContactsUseCase {
        @Override
        public Optional<Contact> contact(Phone phone) {
            fail();
            calls.add("contact " + phone);
            return Optional.ofNullable(contacts.get(phone));
        }

        @Override
        public Optional<List<ConsentChange>> consentHistory(Phone phone) {
            fail();
            calls.add("history " + phone);
            return contacts.containsKey(phone)
                    ? Optional.of(histories.getOrDefault(phone, List.of())) : Optional.empty();
        }

        @Override
        public Optional<List<Message>> messages(Phone phone) {
            fail();
            calls.add("messages " + phone);
            return contacts.containsKey(phone)
                    ? Optional.of(messages.getOrDefault(phone, List.of())) : Optional.empty();
        }

        @Override
        public Optional<Message> message(UUID id) {
            fail();
            calls.add("message " + id);
            return messages.values().stream().flatMap(List::stream).filter(m -> m.id().equals(id)).findFirst();
        }
    }

    final class Flows implements ManageFlowsUseCase {
        private final FlowFormat format = new FlowFormat();

        /**
         * The import is read by the real flow format, as the service would; what reached the import (the flows
         * read) is recorded, so a refused import records nothing.
         */
        @Override
        public ImportResult importFlows(FlowImport flowImport) {
            fail();
            List<FlowToImport> imports = format.readImport(flowImport.json(), flowImport.keywords(),
                    flowImport.ignoreKeywords());
            calls.add(imports);
            if (flowFailure != null) throw flowFailure;
            List<ImportedFlow> stored = new ArrayList<>();
            for (FlowToImport i : imports) {
                Flow f = i.flow().withTriggers(i.keywords().stream().map(Keyword::of).toList(), i.ignoreKeywords(),
                        true);
                StoredFlow s = new StoredFlow(f, i.definitionJson(), Instant.EPOCH);
                flows.put(f.uuid(), s);
                stored.add(new ImportedFlow(s, FlowRoles.optinKeywordWarning(f).stream()
                        .map(w -> new ImportWarning("keywords", w)).toList()));
            }
            return new ImportResult(stored);
        }

        @Override
        public List<StoredFlow> list() {
            fail();
            return List.copyOf(flows.values());
        }

        @Override
        public Optional<StoredFlow> get(String uuid) {
            fail();
            return Optional.ofNullable(flows.get(uuid));
        }

        @Override
        public Optional<StoredFlow> update(String uuid, FlowPatch patch) {
            fail();
            calls.add(patch);
            if (flowFailure != null) throw flowFailure;
            StoredFlow s = flows.get(uuid);
            if (s == null) return Optional.empty();
            Flow f = s.flow();
            Flow updated = f.withTriggers(
                    patch.keywords() == null ? f.keywords() : patch.keywords().stream().map(Keyword::of).toList(),
                    patch.ignoreKeywords() == null ? f.ignoreKeywords() : patch.ignoreKeywords(),
                    patch.active() == null ? f.active() : patch.active());
            StoredFlow n = new StoredFlow(updated, s.definitionJson(), Instant.EPOCH);
            flows.put(uuid, n);
            return Optional.of(n);
        }

        @Override
        public boolean delete(String uuid) {
            fail();
            calls.add("delete " + uuid);
            return flows.remove(uuid) != null;
        }
    }

    final class Settings implements ManageSettingsUseCase {
        @Override
        public OrgSettings settings() {
            fail();
            return settings;
        }

        @Override
        public OrgSettings update(OrgSettings wanted) {
            fail();
            calls.add(wanted);
            for (String uuid : new String[]{wanted.optinFlow(), wanted.newContactFlow()}) {
                if (uuid != null && !flows.containsKey(uuid)) {
                    throw new InvalidFlowException("settings", "no flow " + uuid);
                }
            }
            settings = wanted;
            return settings;
        }

        @Override
        public OrgSettings setOptinFlow(String flowUuid) {
            return update(new OrgSettings(flowUuid, settings.newContactFlow(), settings.globals()));
        }

        @Override
        public OrgSettings setNewContactFlow(String flowUuid) {
            return update(new OrgSettings(settings.optinFlow(), flowUuid, settings.globals()));
        }

        @Override
        public OrgSettings setGlobals(java.util.Map<String, String> globals) {
            return update(settings.withGlobals(globals));
        }
    }

    /** Answers from {@code tickets}, in id order as the store pages them. */
    final class Tickets implements ViewTicketsUseCase {
        @Override
        public List<Ticket> tickets(UUID after, int limit) {
            fail();
            return tickets.stream().sorted(java.util.Comparator.comparing(Ticket::id))
                    .filter(t -> after == null || t.id().compareTo(after) > 0).limit(limit).toList();
        }
    }

    /**
     * Records each result posted; a run in {@code runs} answers its outcome and, once resumed, is no longer waiting;
     * any other run is unknown.
     */
    final class Resume implements ResumeFlowUseCase {
        record Call(UUID runId, String json, Map<String, String> fields) {
        }

        @Override
        public Outcome resume(UUID runId, String json, Map<String, String> fields) {
            fail();
            calls.add(new Call(runId, json, fields));
            Outcome outcome = runs.getOrDefault(runId, Outcome.UNKNOWN_RUN);
            if (outcome == Outcome.RESUMED) runs.put(runId, Outcome.NOT_WAITING);
            return outcome;
        }
    }

    final class Deliveries implements RecordDeliveryStatusUseCase {
        @Override
        public boolean record(DeliveryStatus event) {
            fail();
            calls.add(event);
            return true;
        }
    }

    /** Sends record a call; refuses with {@code refuse} when set; unknown contacts are not found. */
    final class Send implements SendMessageUseCase {
        RefusalReason refuse;

        record Call(Phone phone, OutboundContent content) {
        }

        @Override
        public OutboundMessage send(Phone phone, OutboundContent content) {
            fail();
            calls.add(new Call(phone, content));
            if (sendFailure != null) throw sendFailure;
            if (!contacts.containsKey(phone)) throw new ContactNotFoundException(phone);
            OutboundMessage m = outbound(UUID.randomUUID(), phone, "x", refuse == null ? MessageStatus.QUEUED
                    : MessageStatus.REFUSED, null, refuse == null ? null : refuse.code(), Instant.EPOCH);
            if (refuse != null) throw new SendRefusedException(refuse, m);
            messages.computeIfAbsent(phone, p -> new ArrayList<>()).add(m);
            return m;
        }

        /** Recorded as the template it names; {@code templateFailure} thrown when set. */
        RuntimeException templateFailure;

        @Override
        public OutboundMessage sendTemplate(Phone phone, TemplateRequest request) {
            fail();
            calls.add(request);
            if (templateFailure != null) throw templateFailure;
            return send(phone, new OutboundContent.Template(request.name(), request.language(), request.params()));
        }
    }

    /**
     * The contact and group admin use cases, which these tests do not call: their routes are tested over real HTTP
     * against the running service (bootstrap's ContactsApiEndToEndTest and GroupsApiEndToEndTest).
     */
    static final class Unused implements io.consentflow.application.port.in.ManageContactsUseCase,
            io.consentflow.application.port.in.ImportContactsUseCase,
            io.consentflow.application.port.in.ManageGroupsUseCase {
        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("not faked");
        }

        @Override public Saved save(SaveContact command) { throw unused(); }
        @Override public java.util.Optional<io.consentflow.domain.contact.Contact> block(Phone phone) { throw unused(); }
        @Override public java.util.Optional<io.consentflow.domain.contact.Contact> unblock(Phone phone) { throw unused(); }
        @Override public io.consentflow.application.port.in.ContactPage list(io.consentflow.application.port.in.ContactQuery q) { throw unused(); }
        @Override public void export(io.consentflow.application.port.in.ContactQuery f,
                                     java.util.function.Consumer<io.consentflow.domain.contact.Contact> each) { throw unused(); }
        @Override public ImportReport importContacts(String source, java.util.Iterator<ImportRow> rows) { throw unused(); }
        @Override public List<io.consentflow.application.port.in.GroupView> list() { throw unused(); }
        @Override public List<io.consentflow.application.port.in.GroupName> names() { throw unused(); }
        @Override public java.util.Optional<io.consentflow.application.port.in.GroupView> get(long id) { throw unused(); }
        @Override public io.consentflow.application.port.in.GroupView create(String name) { throw unused(); }
        @Override public java.util.Optional<io.consentflow.application.port.in.GroupView> rename(long id, String name) { throw unused(); }
        @Override public boolean delete(long id) { throw unused(); }
        @Override public java.util.Optional<io.consentflow.application.port.in.GroupView> addMembers(long id, List<Phone> p) { throw unused(); }
        @Override public java.util.Optional<io.consentflow.application.port.in.GroupView> removeMembers(long id, List<Phone> p) { throw unused(); }
    }

    /**
     * Broadcasts: created ones are kept (scheduled, no counts) and recorded as calls; a template named
     * {@code unknown} is a 422 as the service answers it; cancelling a broadcast named {@code done} is a 409.
     */
    final class BroadcastsFake implements io.consentflow.application.port.in.ManageBroadcastsUseCase {
        @Override
        public BroadcastView create(NewBroadcast request) {
            fail();
            calls.add(request);
            if (request.content() instanceof io.consentflow.domain.broadcast.BroadcastContent.TemplateSend t
                    && t.name().equals("unknown")) {
                throw new InvalidBroadcastException("template.name", "template_not_found", "no template named 'unknown'");
            }
            Instant now = Instant.parse("2026-03-01T00:00:00Z");
            var b = io.consentflow.domain.broadcast.Broadcast.scheduled(UUID.nameUUIDFromBytes(request.name().getBytes()),
                    request.name(), request.content(), request.audience(), request.at() == null ? now : request.at(), now);
            BroadcastView v = new BroadcastView(b, io.consentflow.domain.broadcast.BroadcastTally.of(0, Map.of()));
            broadcasts.put(b.id(), v);
            return v;
        }

        @Override
        public List<BroadcastView> list(UUID after, int limit) {
            fail();
            return broadcasts.values().stream().filter(v -> after == null || v.broadcast().id().compareTo(after) > 0)
                    .sorted(java.util.Comparator.comparing(v -> v.broadcast().id())).limit(limit).toList();
        }

        @Override
        public Optional<BroadcastView> find(UUID id) {
            fail();
            return Optional.ofNullable(broadcasts.get(id));
        }

        @Override
        public List<BroadcastView> running(int limit) {
            fail();
            return broadcasts.values().stream()
                    .filter(v -> v.broadcast().status() == io.consentflow.domain.broadcast.BroadcastStatus.RUNNING)
                    .limit(limit).toList();
        }

        @Override
        public Optional<BroadcastView> cancel(UUID id) {
            fail();
            BroadcastView v = broadcasts.get(id);
            if (v == null) return Optional.empty();
            if (v.broadcast().name().equals("done")) throw new BroadcastFinishedException(id);
            var b = v.broadcast();
            BroadcastView cancelled = new BroadcastView(new io.consentflow.domain.broadcast.Broadcast(b.id(), b.name(),
                    b.content(), b.audience(), b.at(), io.consentflow.domain.broadcast.BroadcastStatus.CANCELLED,
                    b.createdAt(), b.startedAt(), b.createdAt(), b.recipients()), v.tally());
            broadcasts.put(id, cancelled);
            return Optional.of(cancelled);
        }
    }
}
