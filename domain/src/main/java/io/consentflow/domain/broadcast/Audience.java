package io.consentflow.domain.broadcast;

import io.consentflow.domain.contact.Phone;

import java.util.List;

/** Whom a broadcast is for; the recipients themselves are fixed when it starts (a group's members then). */
public sealed interface Audience {
    /** The members of a group when the broadcast starts. */
    record Group(long id) implements Audience {
    }

    /** These contacts (each once). */
    record Phones(List<Phone> phones) implements Audience {
        public Phones {
            phones = List.copyOf(phones);
        }
    }
}
