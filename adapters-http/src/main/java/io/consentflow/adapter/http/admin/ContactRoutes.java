package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import org.mapstruct.factory.Mappers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** A contact, its consent history and messages; changing its consent by hand (method {@code api}). */
public final class ContactRoutes {
    private static final Logger log = LoggerFactory.getLogger(ContactRoutes.class);
    private static final String CONTACT = "/api/v1/contacts/{phone}";

    private final Json json;
    private final ViewContactsUseCase view;
    private final ChangeConsentUseCase changeConsent;
    private final ContactJsonMapper contacts = Mappers.getMapper(ContactJsonMapper.class);
    private final MessageJsonMapper messages = new MessageJsonMapper();

    public ContactRoutes(Json json, ViewContactsUseCase view, ChangeConsentUseCase changeConsent) {
        this.json = json;
        this.view = view;
        this.changeConsent = changeConsent;
    }

    public void register(JavalinDefaultRoutingApi routes) {
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

    private static ConsentState consentState(String given) {
        String status = Required.text("status", given);
        if (status.equals(ConsentState.OPTED_IN.wire())) return ConsentState.OPTED_IN;
        if (status.equals(ConsentState.OPTED_OUT.wire())) return ConsentState.OPTED_OUT;
        throw ProblemException.badRequest("status", "status: must be opted_in or opted_out");
    }

    static ProblemException noContact(Phone phone) {
        return ProblemException.notFound("no contact with phone " + phone.digits());
    }
}
