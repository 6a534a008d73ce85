package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.CheckHealthUseCase;
import io.consentflow.application.port.in.ImportContactsUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.in.ManageContactsUseCase;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.application.port.in.ManageTemplatesUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.application.port.in.ViewDashboardUseCase;
import io.consentflow.application.port.in.ViewTicketsUseCase;

import java.util.Objects;

/**
 * The application's use cases the HTTP side drives, named so a caller cannot swap two of them by position. The
 * optional ones are null when their routes are left out; everything else is required. The console's pages (when
 * {@link HttpAdapter} is given a generator for its tokens) use the same use cases as the API.
 *
 * @param receiveMessage       inbound messages of the provider webhooks ({@code /webhooks/gupshup},
 *                             {@code /webhooks/meta}) and the console's simulator
 * @param changeConsent        consent read from those webhooks, {@code PUT /api/v1/contacts/{phone}/consent} and
 *                             the console's consent form
 * @param recordDeliveryStatus the delivery statuses the provider webhooks report
 * @param viewContacts         a contact, its consent history and its messages
 *                             ({@code GET /api/v1/contacts/{phone}...}), a message ({@code GET /api/v1/messages/{id}})
 * @param manageContacts       contacts saved, blocked, listed and exported ({@code /api/v1/contacts})
 * @param importContacts       {@code POST /api/v1/contacts/import}
 * @param sendMessage          {@code POST /api/v1/messages}
 * @param manageGroups         {@code /api/v1/groups}
 * @param manageFlows          {@code /api/v1/flows}
 * @param manageSettings       {@code /api/v1/settings}
 * @param manageTemplates      {@code /api/v1/templates}
 * @param checkHealth          {@code /health}
 * @param viewTickets          the tickets flows opened ({@code GET /api/v1/tickets}); null: no such route
 * @param manageBroadcasts     broadcasts ({@code /api/v1/broadcasts}, {@code /console/broadcasts}); null: no such
 *                             routes
 * @param resumeFlow           takes results posted for runs paused at {@code wait_for_result}
 *                             ({@code POST /webhooks/flow-resume}); null: no such route
 * @param viewDashboard        the console dashboard's figures; null only when no console is served (the adapter
 *                             refuses a console without it)
 */
public record HttpUseCases(ReceiveMessageUseCase receiveMessage, ChangeConsentUseCase changeConsent,
                           RecordDeliveryStatusUseCase recordDeliveryStatus, ViewContactsUseCase viewContacts,
                           ManageContactsUseCase manageContacts, ImportContactsUseCase importContacts,
                           SendMessageUseCase sendMessage, ManageGroupsUseCase manageGroups,
                           ManageFlowsUseCase manageFlows, ManageSettingsUseCase manageSettings,
                           ManageTemplatesUseCase manageTemplates, CheckHealthUseCase checkHealth,
                           ViewTicketsUseCase viewTickets, ManageBroadcastsUseCase manageBroadcasts,
                           ResumeFlowUseCase resumeFlow, ViewDashboardUseCase viewDashboard) {
    public HttpUseCases {
        Objects.requireNonNull(receiveMessage, "receiveMessage");
        Objects.requireNonNull(changeConsent, "changeConsent");
        Objects.requireNonNull(recordDeliveryStatus, "recordDeliveryStatus");
        Objects.requireNonNull(viewContacts, "viewContacts");
        Objects.requireNonNull(manageContacts, "manageContacts");
        Objects.requireNonNull(importContacts, "importContacts");
        Objects.requireNonNull(sendMessage, "sendMessage");
        Objects.requireNonNull(manageGroups, "manageGroups");
        Objects.requireNonNull(manageFlows, "manageFlows");
        Objects.requireNonNull(manageSettings, "manageSettings");
        Objects.requireNonNull(manageTemplates, "manageTemplates");
        Objects.requireNonNull(checkHealth, "checkHealth");
        // viewTickets, manageBroadcasts, resumeFlow: null leaves their routes out; viewDashboard: see HttpAdapter
    }
}
