package io.consentflow.domain.contact;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.consent.ConsentTopic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The contact aggregate: a WhatsApp user with a status and a consent. Every transition is a method here that
 * enforces the consent rules. Consent changes made since loading are kept until they are saved: whoever saves the
 * contact takes them with {@link #drainConsentChanges()}, which hands each change out exactly once, so the history
 * gets it once however often the contact is saved.
 */
public final class Contact {
    /** WhatsApp's customer-service window: free-form messages only within 24 hours of the last inbound. */
    public static final Duration SESSION_WINDOW = Duration.ofHours(24);
    public static final String DEFAULT_LANGUAGE = "eng";

    private final Phone phone;
    private String name;
    private String language;
    private final Map<String, String> fields;
    private final Set<String> groups;
    /** The groups as loaded: whoever saves the contact rewrites its memberships only when they differ. */
    private final Set<String> loadedGroups;
    private ContactStatus status;
    private ConsentStatus consent;
    private Instant lastInboundAt;
    private final Instant createdAt;
    private RecentFlowTexts recentFlowTexts = RecentFlowTexts.NONE;
    private ConsentStatus marketing = ConsentStatus.UNKNOWN;
    private final List<ConsentChange> newConsentChanges = new ArrayList<>();

    private Contact(Phone phone, String name, String language, Map<String, String> fields, Set<String> groups,
                    ContactStatus status, ConsentStatus consent, Instant lastInboundAt, Instant createdAt) {
        this.phone = Objects.requireNonNull(phone, "phone");
        this.name = name;
        this.language = language == null ? DEFAULT_LANGUAGE : language;
        this.fields = new LinkedHashMap<>(fields == null ? Map.of() : fields);
        this.groups = new LinkedHashSet<>(groups == null ? Set.of() : groups);
        this.loadedGroups = Set.copyOf(this.groups);
        this.status = Objects.requireNonNull(status, "status");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.lastInboundAt = lastInboundAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A contact we have never seen: valid, consent unknown. */
    public static Contact newContact(Phone phone, String name, Instant now) {
        return new Contact(phone, blankToNull(name), DEFAULT_LANGUAGE, Map.of(), Set.of(), ContactStatus.VALID,
                ConsentStatus.UNKNOWN, null, now);
    }

    /** Rebuilds a stored contact; records nothing. */
    public static Contact restore(Phone phone, String name, String language, Map<String, String> fields,
                                  Set<String> groups, ContactStatus status, ConsentStatus consent,
                                  Instant lastInboundAt, Instant createdAt) {
        return new Contact(phone, name, language, fields, groups, status, consent, lastInboundAt, createdAt);
    }

    /** Rebuilds a stored contact with the texts flows sent it lately; records nothing. */
    public static Contact restore(Phone phone, String name, String language, Map<String, String> fields,
                                  Set<String> groups, ContactStatus status, ConsentStatus consent,
                                  Instant lastInboundAt, Instant createdAt, RecentFlowTexts recentFlowTexts) {
        Contact c = new Contact(phone, name, language, fields, groups, status, consent, lastInboundAt, createdAt);
        c.recentFlowTexts = Objects.requireNonNull(recentFlowTexts, "recentFlowTexts");
        return c;
    }

    /**
     * Rebuilds a stored contact with the texts flows sent it lately and its marketing-messages switch; records
     * nothing.
     */
    public static Contact restore(Phone phone, String name, String language, Map<String, String> fields,
                                  Set<String> groups, ContactStatus status, ConsentStatus consent,
                                  Instant lastInboundAt, Instant createdAt, RecentFlowTexts recentFlowTexts,
                                  ConsentStatus marketing) {
        Contact c = restore(phone, name, language, fields, groups, status, consent, lastInboundAt, createdAt,
                recentFlowTexts);
        c.marketing = Objects.requireNonNull(marketing, "marketing");
        return c;
    }

    // ---- inbound and the session window -------------------------------------------------------------------

    /** An inbound message arrived: opens the session window. Never changes consent. */
    public void receivedInbound(Instant at, String senderName) {
        if (lastInboundAt == null || at.isAfter(lastInboundAt)) lastInboundAt = at;
        if (name == null) name = blankToNull(senderName);
    }

    public boolean sessionWindowOpen(Clock clock) {
        return sessionWindowOpen(clock.instant());
    }

    /** The window is open while {@code now < lastInboundAt + 24h}: at exactly 24 hours it is closed. */
    public boolean sessionWindowOpen(Instant now) {
        return lastInboundAt != null && now.isBefore(lastInboundAt.plus(SESSION_WINDOW));
    }

    // ---- consent -----------------------------------------------------------------------------------------

    /**
     * Applies a consent request. Opting out makes the contact invalid, opting in makes it valid again; a blocked
     * contact stays blocked either way. A request for the state the contact already has by the same method
     * records nothing (a BSP repeating its opted-in event is not new evidence).
     *
     * @return whether anything changed
     */
    public boolean changeConsent(ConsentRequest request) {
        ConsentState from = consent.state();
        if (from == request.to() && request.method() == consent.method()) return false;
        consent = new ConsentStatus(request.to(), request.at(), request.method(), request.evidence());
        if (status != ContactStatus.BLOCKED) {
            status = request.to() == ConsentState.OPTED_OUT ? ContactStatus.INVALID : ContactStatus.VALID;
        }
        newConsentChanges.add(new ConsentChange(from, request.to(), request.method(), request.evidence(),
                request.flowUuid(), request.at()));
        return true;
    }

    public boolean optIn(ConsentMethod method, String evidence, String flowUuid, Instant at) {
        return changeConsent(new ConsentRequest(ConsentState.OPTED_IN, method, evidence, flowUuid, at));
    }

    public boolean optOut(ConsentMethod method, String evidence, String flowUuid, Instant at) {
        return changeConsent(new ConsentRequest(ConsentState.OPTED_OUT, method, evidence, flowUuid, at));
    }

    /** The provider says the number is not on WhatsApp: invalid, consent withdrawn with that reason. */
    public boolean markNumberInvalid(String evidence, Instant at) {
        return changeConsent(new ConsentRequest(ConsentState.OPTED_OUT, ConsentMethod.NUMBER_INVALID, evidence, null, at));
    }

    /**
     * A provider's "resume" lifts only the opt-out its own "stop" recorded ({@code stopEvidence}, method bsp): an
     * opt-out the contact gave in a flow, to staff or through the other provider stands, and a contact who never
     * opted out is not opted in by it (a preference toggle is not consent).
     *
     * @return whether anything changed
     */
    public boolean liftProviderStop(String stopEvidence, ConsentRequest resume) {
        Objects.requireNonNull(stopEvidence, "stopEvidence");
        if (resume.to() != ConsentState.OPTED_IN) throw new IllegalArgumentException("a resume opts in");
        boolean stoppedByProvider = consent.optedOut() && consent.method() == ConsentMethod.BSP
                && stopEvidence.equals(consent.evidence());
        return stoppedByProvider && changeConsent(resume);
    }

    /**
     * WhatsApp's marketing-messages switch (topic {@code marketing}): the contact stopped or resumed marketing
     * templates from us. It is kept apart from consent: it never opts anyone in or out, changes no status, and
     * only narrows what an opted-in contact receives (the send policy refuses marketing templates while it is
     * stopped). A request for the state it already has records nothing (every refused marketing template may bring
     * the same news again).
     *
     * @return whether anything changed
     */
    public boolean changeMarketingConsent(ConsentRequest request) {
        ConsentState from = marketing.state();
        if (from == request.to()) return false;
        marketing = new ConsentStatus(request.to(), request.at(), request.method(), request.evidence());
        newConsentChanges.add(new ConsentChange(from, request.to(), request.method(), request.evidence(),
                request.flowUuid(), request.at(), ConsentTopic.MARKETING));
        return true;
    }

    public void block() {
        status = ContactStatus.BLOCKED;
    }

    /**
     * An import's opt-in ({@code opt_in} set on the contact's row): consent a contact never gave is recorded with
     * method {@code import}. An import never overrides an opt-out (only the contact, in a flow, or staff through the
     * API may undo one), never touches a blocked contact's consent, and leaves a contact who already opted in with
     * the evidence it has.
     */
    public ImportedConsent importOptIn(String evidence, Instant at) {
        if (consent.optedOut()) return ImportedConsent.KEPT_OPTED_OUT;
        if (status == ContactStatus.BLOCKED) return ImportedConsent.KEPT_BLOCKED;
        if (consent.state() == ConsentState.OPTED_IN) return ImportedConsent.ALREADY_OPTED_IN;
        optIn(ConsentMethod.IMPORT, evidence, null, at);
        return ImportedConsent.OPTED_IN;
    }

    /** Unblocking returns the status the consent implies. */
    public void unblock() {
        if (status == ContactStatus.BLOCKED) {
            status = consent.optedOut() ? ContactStatus.INVALID : ContactStatus.VALID;
        }
    }

    // ---- what flows sent -----------------------------------------------------------------------------------

    /** Glific's loop rule: would a flow sending {@code text} now send it a fourth time within six hours? */
    public boolean flowTextWouldLoop(String text, Instant now) {
        return recentFlowTexts.wouldLoop(text, now);
    }

    /** A flow queued {@code text} for this contact (the API's messages do not count). */
    public void flowTextSent(String text, Instant now) {
        recentFlowTexts = recentFlowTexts.with(text, now);
    }

    // ---- profile -----------------------------------------------------------------------------------------

    public void rename(String newName) {
        this.name = blankToNull(newName);
    }

    /**
     * Sets the language {@code named} names, in any of the ways {@link Language#find} reads, as its ISO 639-3 code;
     * false (the language unchanged) when it names none.
     */
    public boolean changeLanguage(String named) {
        Optional<Language> found = Language.find(named);
        found.ifPresent(l -> this.language = l.code());
        return found.isPresent();
    }

    public void setField(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null || value.isEmpty()) fields.remove(key);
        else fields.put(key, value);
    }

    /** Group names compare ignoring case (as flows' {@code has_group} does); a group the contact is in stays as named. */
    public void addGroups(Iterable<String> names) {
        for (String name : names) {
            String n = blankToNull(name);
            if (n != null && groups.stream().noneMatch(g -> g.equalsIgnoreCase(n))) groups.add(n);
        }
    }

    public void removeGroups(Iterable<String> names) {
        for (String name : names) {
            String n = blankToNull(name);
            if (n != null) groups.removeIf(g -> g.equalsIgnoreCase(n));
        }
    }

    /** Whether the groups differ from those the contact was created or restored with. */
    public boolean groupsChanged() {
        return !loadedGroups.equals(groups);
    }

    // ---- reading -----------------------------------------------------------------------------------------

    public Phone phone() { return phone; }
    public String name() { return name; }
    /** The language's ISO 639-3 code as stored ({@code eng} unless a flow set another). */
    public String language() { return language; }

    /**
     * The contact's language, for picking a flow's translation; empty when the stored value names none (a value
     * written before languages were canonical).
     */
    public Optional<Language> knownLanguage() {
        return Language.find(language);
    }
    public Map<String, String> fields() { return Collections.unmodifiableMap(fields); }
    public Set<String> groups() { return Collections.unmodifiableSet(groups); }
    public ContactStatus status() { return status; }
    public ConsentStatus consent() { return consent; }
    /** The marketing-messages switch: {@code unknown} until the provider tells us of a stop or a resume. */
    public ConsentStatus marketingConsent() { return marketing; }
    public Instant lastInboundAt() { return lastInboundAt; }
    public Instant createdAt() { return createdAt; }
    public boolean blocked() { return status == ContactStatus.BLOCKED; }
    public RecentFlowTexts recentFlowTexts() { return recentFlowTexts; }

    /** Consent changes made since this object was created, restored or last drained, oldest first. */
    public List<ConsentChange> newConsentChanges() {
        return List.copyOf(newConsentChanges);
    }

    /**
     * Hands out the consent changes not handed out yet, oldest first, and forgets them: saving the contact appends
     * them to its history, and a second save must not append them again.
     */
    public List<ConsentChange> drainConsentChanges() {
        List<ConsentChange> drained = List.copyOf(newConsentChanges);
        newConsentChanges.clear();
        return drained;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
