package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;

import java.util.List;

/** A request named contacts that do not exist; nothing was changed. */
public final class UnknownContactsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Phone> phones;

    public UnknownContactsException(List<Phone> phones) {
        super("no contact with phone " + phones.get(0).digits()
                + (phones.size() > 1 ? " (and " + (phones.size() - 1) + " more)" : ""), null, false, false);
        this.phones = List.copyOf(phones);
    }

    public List<Phone> phones() {
        return phones;
    }
}
