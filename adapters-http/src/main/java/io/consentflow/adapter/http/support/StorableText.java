package io.consentflow.adapter.http.support;

import io.consentflow.application.port.InputText;

/** Text the application can store ({@link InputText#unstorable}), or a 400 naming the field. */
public final class StorableText {
    private StorableText() {
    }

    /** {@code text} unchanged when it can be stored as it is; else a 400 naming {@code field}. */
    public static String require(String field, String text) {
        String problem = InputText.unstorable(text);
        if (problem != null) throw ProblemException.badRequest(field, field + " must not contain " + problem);
        return text;
    }

}
