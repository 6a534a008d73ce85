package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cases on what the reply is, through the running service: a flow imported with Glific's media and location
 * cases, an Arabic-Indic number and a group, answered by real Gupshup callbacks.
 */
class CasesEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();

    /** keyword "proof": asks; an image, a location or a number of at least 18 each take their own way. */
    static final String FLOW = """
            {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000c1","name":"Proof","nodes":[
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a1","actions":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b1","type":"add_contact_groups",
                "groups":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000d1","name":"Asked"}]},
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b2","type":"send_msg","text":"Send proof"}],
              "exits":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e1","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a2"}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a2","actions":[],
              "router":{"type":"switch","operand":"@input.text","result_name":"Proof","wait":{"type":"msg"},
               "cases":[
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000f1","type":"has_image","arguments":[],"category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c01"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000f2","type":"has_location","arguments":[],"category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c02"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000f3","type":"has_number_gte","arguments":["18"],"category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c03"}],
               "categories":[
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c01","name":"Image","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e2"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c02","name":"Location","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e3"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c03","name":"Adult","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e4"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c04","name":"Other","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e5"}],
               "default_category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c04"},
              "exits":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e2","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a3"},
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e3","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a4"},
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e4","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a5"},
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e5","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a6"}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a3","actions":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b3","type":"send_msg","text":"Photo: @results.proof"}],
              "exits":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e6","destination_uuid":null}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a4","actions":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b4","type":"send_msg","text":"Place: @results.proof"}],
              "exits":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e7","destination_uuid":null}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a5","actions":[],
              "router":{"type":"switch","operand":"@contact.groups",
               "cases":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000f4","type":"has_group","arguments":["7c1d0e2f-0000-4a6b-9c8d-0000000000d1","Asked"],"category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c05"}],
               "categories":[
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c05","name":"Asked","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e8"},
                {"uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c06","name":"Other","exit_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e9"}],
               "default_category_uuid":"7c1d0e2f-0000-4a6b-9c8d-000000000c06"},
              "exits":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e8","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a7"},
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000e9","destination_uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a6"}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a6","actions":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b6","type":"send_msg","text":"Not proof"}],
              "exits":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000ea","destination_uuid":null}]},
             {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000a7","actions":[
               {"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000b7","type":"send_msg","text":"Age @results.proof, asked"}],
              "exits":[{"uuid":"7c1d0e2f-0000-4a6b-9c8d-0000000000eb","destination_uuid":null}]}]}""";

    @BeforeAll
    static void importTheFlow() {
        Http.Response r = http.post("/api/v1/flows/import?keywords=proof", FLOW);
        assertEquals(201, r.status(), r.body());
    }

    static List<String> outbound(String phone) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound")) out.add(m.get("text").asText());
        }
        return out;
    }

    /** A new contact who asked for the flow and got its question. */
    static String asked() {
        String p = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "proof")).status());
        return p;
    }

    @Test
    void anImageTakesTheImageWayWithItsCaption() {
        String p = asked();
        ObjectNode image = Http.JSON.createObjectNode().put("caption", "my form")
                .put("url", "https://filemanager.example/image.jpg").put("contentType", "image/jpeg");
        service.gupshupCallback(Gupshup.message(p, Gupshup.newId(), "image", image));
        assertEquals(List.of("Send proof", "Photo: my form"), outbound(p));
    }

    @Test
    void aLocationTakesTheLocationWay() {
        String p = asked();
        ObjectNode location = Http.JSON.createObjectNode().put("longitude", "77.2090").put("latitude", "28.6139");
        service.gupshupCallback(Gupshup.message(p, Gupshup.newId(), "location", location));
        assertEquals(List.of("Send proof", "Place: 28.6139,77.2090"), outbound(p));
    }

    @Test
    void anArabicIndicNumberIsANumberAndTheFlowsGroupIsTheContacts() {
        String p = asked();
        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "عمري ٢٥"));
        assertEquals(List.of("Send proof", "Age 25, asked"), outbound(p));
    }

    @Test
    void aTextIsNeither() {
        String p = asked();
        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "here it is"));
        assertEquals(List.of("Send proof", "Not proof"), outbound(p));
    }
}
