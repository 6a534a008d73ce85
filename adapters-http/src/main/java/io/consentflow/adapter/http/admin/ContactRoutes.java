package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.adapter.http.support.QueryParams;
import io.consentflow.application.port.in.ContactPage;
import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.application.port.in.ImportContactsUseCase;
import io.consentflow.application.port.in.ImportContactsUseCase.ImportReport;
import io.consentflow.application.port.in.ManageContactsUseCase;
import io.consentflow.application.port.in.ManageContactsUseCase.SaveContact;
import io.consentflow.application.port.in.ManageContactsUseCase.Saved;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.contact.Phone;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.mapstruct.factory.Mappers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Contacts: created or updated, listed (keyset pages), exported as CSV, imported from Glific's CSV, blocked and
 * unblocked; a contact's consent history and messages; changing its consent by hand (method {@code api}).
 */
public final class ContactRoutes {
    private static final Logger log = LoggerFactory.getLogger(ContactRoutes.class);
    private static final String CONTACTS = "/api/v1/contacts";
    private static final String CONTACT = "/api/v1/contacts/{phone}";
    private static final int MAX_TEXT = 256;
    private static final int MAX_FIELD_VALUE = 10_000;
    private static final String CURSOR_PREFIX = "c1:";

    private final Json json;
    private final ViewContactsUseCase view;
    private final ChangeConsentUseCase changeConsent;
    private final ManageContactsUseCase manage;
    private final ImportContactsUseCase imports;
    private final ContactJsonMapper contacts = Mappers.getMapper(ContactJsonMapper.class);
    private final MessageJsonMapper messages = new MessageJsonMapper();

    public ContactRoutes(Json json, ViewContactsUseCase view, ChangeConsentUseCase changeConsent,
                         ManageContactsUseCase manage, ImportContactsUseCase imports) {
        this.json = json;
        this.view = view;
        this.changeConsent = changeConsent;
        this.manage = manage;
        this.imports = imports;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        // before the {phone} routes: "export" and "import" are no phones
        routes.get(CONTACTS + "/export", this::export);
        routes.post(CONTACTS + "/import", this::importCsv);
        routes.get(CONTACTS, this::list);
        routes.post(CONTACTS, this::save);
        routes.post(CONTACT + "/block", ctx -> block(ctx, true));
        routes.post(CONTACT + "/unblock", ctx -> block(ctx, false));
        routes.get(CONTACT, this::contact);
        routes.get(CONTACT + "/consent-history", this::history);
        routes.get(CONTACT + "/messages", this::messages);
        routes.put(CONTACT + "/consent", this::changeConsent);
    }

    private void contact(Context ctx) {
        Phone phone = PathParams.phone(ctx);
        Contact c = view.contact(phone).orElseThrow(() -> noContact(phone));
        json.reply(ctx, contacts.toJson(c));
    }

    private void history(Context ctx) {
        Phone phone = PathParams.phone(ctx);
        json.reply(ctx, contacts.toHistoryJson(view.consentHistory(phone).orElseThrow(() -> noContact(phone))));
    }

    private void messages(Context ctx) {
        Phone phone = PathParams.phone(ctx);
        json.reply(ctx, messages.toJson(view.messages(phone).orElseThrow(() -> noContact(phone))));
    }

    /** Body {@code {"status":"opted_in|opted_out","note":".."}}; the note is the evidence. */
    private void changeConsent(Context ctx) {
        Phone phone = PathParams.phone(ctx);
        ConsentBody body = json.read(BoundedBody.read(ctx), ConsentBody.class);
        ConsentState to = consentState(body.status());
        String note = body.note() == null || body.note().isBlank() ? "api" : body.note();
        Contact c = changeConsent.change(new ChangeConsentCommand(phone, to, ConsentMethod.API, note, null, false))
                .orElseThrow(() -> noContact(phone));
        log.info("consent of {} set to {} through the API", phone.masked(), to.wire());
        json.reply(ctx, contacts.toJson(c));
    }

    /**
     * {@code {"phone","name","language","fields","groups","consent":{"status","note"}}}: 201 with the contact when
     * it is new, 200 when it existed. A note is required to opt in; it is the evidence (method {@code api}).
     */
    private void save(Context ctx) {
        ContactBody body = json.read(BoundedBody.read(ctx), ContactBody.class);
        Phone phone = Required.phone("phone", Required.text("phone", body.phone()));
        String name = body.name();
        if (name != null && name.length() > MAX_TEXT) {
            throw ProblemException.badRequest("name", "name has at most " + MAX_TEXT + " characters");
        }
        if (body.language() != null && Language.find(body.language()).isEmpty()) {
            throw ProblemException.badRequest("language", "language: unknown language (an ISO 639 code or name)");
        }
        if (body.fields() != null) {
            for (Map.Entry<String, String> f : body.fields().entrySet()) {
                if (f.getKey().isBlank() || f.getKey().length() > MAX_TEXT) {
                    throw ProblemException.badRequest("fields", "fields: a key must be 1 to " + MAX_TEXT + " characters");
                }
                if (f.getValue().length() > MAX_FIELD_VALUE) {
                    throw ProblemException.badRequest("fields." + f.getKey(),
                            "fields." + f.getKey() + " has at most " + MAX_FIELD_VALUE + " characters");
                }
            }
        }
        if (body.groups() != null) {
            for (int i = 0; i < body.groups().size(); i++) GroupRoutes.name("groups[" + i + "]", body.groups().get(i));
        }
        ConsentState consent = null;
        String note = null;
        if (body.consent() != null) {
            consent = consentState("consent.status", body.consent().status());
            note = body.consent().note();
            if (consent == ConsentState.OPTED_IN && (note == null || note.isBlank())) {
                throw ProblemException.badRequest("consent.note",
                        "consent.note is required to opt a contact in: it is the evidence of the consent");
            }
            if (note != null && note.length() > MAX_FIELD_VALUE) {
                throw ProblemException.badRequest("consent.note", "consent.note has at most " + MAX_FIELD_VALUE + " characters");
            }
        }
        Saved saved = manage.save(new SaveContact(phone, name, body.language(), body.fields(), body.groups(), consent, note));
        log.info("contact {} {} through the API", phone.masked(), saved.created() ? "created" : "updated");
        json.reply(ctx.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK), contacts.toJson(saved.contact()));
    }

    private void block(Context ctx, boolean block) {
        Phone phone = PathParams.phone(ctx);
        Contact c = (block ? manage.block(phone) : manage.unblock(phone)).orElseThrow(() -> noContact(phone));
        log.info("contact {} {} through the API", phone.masked(), block ? "blocked" : "unblocked");
        json.reply(ctx, contacts.toJson(c));
    }

    /** {@code ?consent=&status=&group=&q=&limit=&cursor=}: one page in phone order and the next page's cursor. */
    private void list(Context ctx) {
        ContactQuery query = query(ctx, true);
        ContactPage page = manage.list(query);
        json.reply(ctx, new ContactListJson(page.contacts().stream().map(contacts::toJson).toList(),
                page.next() == null ? null : cursor(page.next())));
    }

    /** The contacts the filters select, streamed as CSV as they are read. */
    private void export(Context ctx) {
        ContactQuery filters = query(ctx, false);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"contacts.csv\"");
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8),
                    64 * 1024);
            ContactExportCsv csv = new ContactExportCsv(out);
            manage.export(filters, csv::write);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Glific's contact CSV as the body ({@code text/csv}) or a multipart upload; the report of what it did. */
    private void importCsv(Context ctx) {
        ImportReport report;
        String fileName;
        try (ImportUpload upload = ImportUpload.read(ctx); Reader reader = upload.reader()) {
            fileName = upload.fileName();
            report = imports.importContacts(fileName, new ContactCsv(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("contact import: {} rows, {} created, {} updated, {} opted in, {} kept opted out, {} kept blocked, "
                        + "{} refused", report.rows(), report.created(), report.updated(), report.optedIn(),
                report.keptOptedOut(), report.keptBlocked(), report.errorCount());
        json.reply(ctx, new ImportReportJson(report.rows(), report.created(), report.updated(), report.optedIn(),
                report.keptOptedOut(), report.keptBlocked(), report.errorCount(), report.errors().stream()
                .map(e -> new ImportReportJson.RowErrorJson(e.row(), e.reason())).toList()));
    }

    private static ContactQuery query(Context ctx, boolean paged) {
        String consentParam = QueryParams.first(ctx, "consent");
        ConsentState consent = consentParam == null || consentParam.isEmpty() ? null : switch (consentParam) {
            case "unknown" -> ConsentState.UNKNOWN;
            case "opted_in" -> ConsentState.OPTED_IN;
            case "opted_out" -> ConsentState.OPTED_OUT;
            default -> throw ProblemException.badRequest("consent", "consent must be unknown, opted_in or opted_out");
        };
        String statusParam = QueryParams.first(ctx, "status");
        ContactStatus status = statusParam == null || statusParam.isEmpty() ? null : switch (statusParam) {
            case "valid" -> ContactStatus.VALID;
            case "invalid" -> ContactStatus.INVALID;
            case "blocked" -> ContactStatus.BLOCKED;
            default -> throw ProblemException.badRequest("status", "status must be valid, invalid or blocked");
        };
        String groupParam = QueryParams.first(ctx, "group");
        Long group = groupParam == null || groupParam.isEmpty() ? null : GroupRoutes.id("group", groupParam);
        String q = QueryParams.first(ctx, "q");
        if (q != null && q.length() > MAX_TEXT) throw ProblemException.badRequest("q", "q has at most " + MAX_TEXT + " characters");
        int limit = ContactQuery.DEFAULT_LIMIT;
        Phone after = null;
        if (paged) {
            String limitParam = QueryParams.first(ctx, "limit");
            if (limitParam != null && !limitParam.isEmpty()) {
                if (!limitParam.matches("[0-9]{1,4}") || Integer.parseInt(limitParam) < 1
                        || Integer.parseInt(limitParam) > ContactQuery.MAX_LIMIT) {
                    throw ProblemException.badRequest("limit", "limit must be a whole number from 1 to " + ContactQuery.MAX_LIMIT);
                }
                limit = Integer.parseInt(limitParam);
            }
            String cursor = QueryParams.first(ctx, "cursor");
            if (cursor != null && !cursor.isEmpty()) after = afterCursor(cursor);
        }
        return new ContactQuery(consent, status, group, q, after, limit);
    }

    /** Opaque to clients: the last phone of a page, so the next page starts after it whatever was inserted. */
    static String cursor(Phone last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + last.digits()).getBytes(StandardCharsets.UTF_8));
    }

    static Phone afterCursor(String cursor) {
        try {
            if (cursor.length() > 64) throw new IllegalArgumentException("too long");
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX)) throw new IllegalArgumentException("not ours");
            return new Phone(decoded.substring(CURSOR_PREFIX.length()));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "cursor must be the next value of a previous page");
        }
    }

    private static ConsentState consentState(String given) {
        return consentState("status", given);
    }

    private static ConsentState consentState(String field, String given) {
        String status = Required.text(field, given);
        if (status.equals(ConsentState.OPTED_IN.wire())) return ConsentState.OPTED_IN;
        if (status.equals(ConsentState.OPTED_OUT.wire())) return ConsentState.OPTED_OUT;
        throw ProblemException.badRequest(field, field + ": must be opted_in or opted_out");
    }

    static ProblemException noContact(Phone phone) {
        return ProblemException.notFound("no contact with phone " + phone.digits());
    }
}
