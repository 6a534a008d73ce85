package io.consentflow.domain.flow.action;

import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends a text (with optional quick-reply buttons), its attachments as media, or a template, in the contact's
 * language when the flow has them translated; {@code @}-expressions in all of them are rendered.
 * <p>
 * With {@code templating} the message is that template (name and uuid from the flow, its variables rendered, in
 * the contact's language), the text being what the contact will read. With attachments each goes as a media
 * message, the first with the text as caption; quick replies cannot ride on media, so with quick replies the text
 * and its buttons follow the media as a message of their own.
 *
 * @param templating the template to send instead of the text; null for none
 */
public record SendMsg(String uuid, String text, List<String> quickReplies, List<String> attachments,
                      Templating templating) implements Action {
    public SendMsg {
        quickReplies = List.copyOf(quickReplies);
        attachments = List.copyOf(attachments);
    }

    /** A send_msg without template. */
    public SendMsg(String uuid, String text, List<String> quickReplies, List<String> attachments) {
        this(uuid, text, quickReplies, attachments, null);
    }

    /**
     * A pre-approved template as the flow names it (Glific's and goflow's {@code templating}).
     *
     * @param uuid      the template's uuid (the provider's template id for Gupshup)
     * @param variables the expressions that fill the template's {@code {{1}}}, {@code {{2}}}, ... in order
     */
    public record Templating(String uuid, String name, List<String> variables) {
        public Templating {
            variables = List.copyOf(variables);
        }
    }

    @Override
    public boolean execute(Step step) {
        for (Outreach.Part part : messages(step)) {
            if (!step.send(part.type(), part.text(), part.content())) return false;
        }
        return true;
    }

    /**
     * The messages this action sends, in order, translated and rendered in {@code step}'s run: what it sends to
     * the contact, and what a broadcast of it sends to each recipient. An attachment that names no kind or URL is
     * recorded on the run and left out.
     */
    public List<Outreach.Part> messages(Step step) {
        Localization.Message t = step.translation(uuid, Localization.Message.class)
                .orElse(Localization.Message.NONE);
        String body = step.render(t.textOr(text));
        if (templating != null) return template(step, body);
        List<String> replies = t.quickRepliesOr(quickReplies).stream().map(step::render).toList();
        List<Media> media = new ArrayList<>();
        for (String attachment : t.attachmentsOr(attachments)) {
            String rendered = step.render(attachment);
            Optional<Media> m = Media.fromAttachment(rendered, "");
            if (m.isPresent()) media.add(m.get());
            else step.recordError(RunError.BAD_ATTACHMENT, "attachment '" + rendered + "' names no kind or URL");
        }
        Outreach.Part text = new Outreach.Part(MessageType.TEXT, body, new OutboundContent.Text(body, replies));
        if (media.isEmpty()) return List.of(text);
        List<Outreach.Part> parts = new ArrayList<>();
        String caption = replies.isEmpty() ? body : "";
        for (int i = 0; i < media.size(); i++) {
            Media m = media.get(i);
            Media sent = new Media(m.type(), m.url(), i == 0 ? caption : "");
            parts.add(new Outreach.Part(m.type(), sent.caption(), new OutboundContent.MediaContent(sent)));
        }
        if (!replies.isEmpty()) parts.add(text);
        return parts;
    }

    /**
     * The registry's entry when it knows the template (by uuid, then by name), in the contact's language else the
     * template's default: its category, provider id and body (what the contact reads) are the registry's. A template
     * the registry does not know goes as the flow names it (imported flows name templates approved at the provider
     * that nobody registered here), judged as marketing by the send policy. A registered template given the wrong
     * number of variables is not sent: the run records {@code template_params_mismatch} and goes on.
     */
    private List<Outreach.Part> template(Step step, String body) {
        List<String> params = templating.variables().stream().map(step::render).toList();
        TemplateBook book = step.templates();
        Optional<Language> reader = step.contact().knownLanguage();
        Optional<MessageTemplate> registered = book.pickByUuid(templating.uuid(), reader)
                .or(() -> book.pick(templating.name(), reader));
        if (registered.isPresent()) {
            MessageTemplate t = registered.get();
            if (t.params() != params.size()) {
                step.recordError(RunError.TEMPLATE_PARAMS_MISMATCH, "template '" + t.name() + "' (" + t.language()
                        + ") takes " + t.params() + " parameters, the flow gave " + params.size());
                return List.of();
            }
            return List.of(new Outreach.Part(MessageType.TEMPLATE, t.render(params),
                    OutboundContent.Template.of(t, params)));
        }
        OutboundContent.Template template = new OutboundContent.Template(templating.name(),
                templateLanguage(step), params, templating.uuid());
        String shown = body.isBlank() ? templating.name() + (params.isEmpty() ? "" : " " + params) : body;
        return List.of(new Outreach.Part(MessageType.TEMPLATE, shown, template));
    }

    /**
     * The contact's language as providers name a template's language: the two-letter ISO 639-1 code where the
     * language has one ({@code hin} is {@code hi}); a stored value that names no language goes as it is.
     */
    private static String templateLanguage(Step step) {
        String stored = step.contact().language();
        if (stored == null || stored.isBlank()) return "en";
        return step.contact().knownLanguage().map(Language::twoLetterCode)
                .orElse(stored.trim().toLowerCase(Locale.ROOT));
    }
}
