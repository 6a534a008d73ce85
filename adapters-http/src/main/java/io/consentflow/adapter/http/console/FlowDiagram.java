package io.consentflow.adapter.http.console;

import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.AddInputLabels;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.RemoveContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.action.SetContactName;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.router.Category;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow drawn as the page's SVG: its nodes top to bottom in the definition's order, each a box with its actions'
 * text and, below them, its categories (or its single exit) with the node each leads to; a line joins each to its
 * destination on the right-hand side. Geometry only: the template writes the elements, escaping every text.
 */
public record FlowDiagram(int width, int height, List<Box> boxes, List<Link> links) {
    static final int WIDTH = 640;
    static final int BOX_WIDTH = 520;
    static final int LINE = 18;
    static final int GAP = 28;
    static final int MAX_CHARS = 68;

    /** A node: its number, the lines of text in it, and where each category's row sits. */
    public record Box(int number, int x, int y, int w, int h, List<Text> lines) {
    }

    /** One line of text in a box; {@code exit} marks a category's row. */
    public record Text(int y, String text, boolean exit) {
    }

    /** A category's line to the node it leads to, as an SVG path. */
    public record Link(String path) {
    }

    public static FlowDiagram of(Flow flow) {
        Map<String, Integer> numbers = new HashMap<>();
        List<Node> nodes = flow.nodes();
        for (int i = 0; i < nodes.size(); i++) numbers.put(nodes.get(i).uuid(), i + 1);
        List<Box> boxes = new ArrayList<>();
        List<int[]> pending = new ArrayList<>(); // from-y, destination number
        int y = 10;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            List<Text> lines = new ArrayList<>();
            int line = y + 22;
            lines.add(new Text(line, "#" + (i + 1) + (node.routerOpt().isPresent() ? " · waits or routes" : ""),
                    false));
            for (Action a : node.actions()) {
                for (String part : wrap(describe(a))) {
                    line += LINE;
                    lines.add(new Text(line, part, false));
                }
            }
            if (node.routerOpt().isPresent()) {
                for (Category c : node.routerOpt().get().categories()) {
                    line += LINE;
                    Integer to = node.exit(c.exitUuid()).map(Exit::destination).map(numbers::get).orElse(null);
                    lines.add(new Text(line, "◆ " + clip(c.name(), 40) + (to == null ? " → end" : " → #" + to), true));
                    if (to != null) pending.add(new int[]{line - 5, to});
                }
            } else {
                for (Exit e : node.exits()) {
                    line += LINE;
                    Integer to = e.destination() == null ? null : numbers.get(e.destination());
                    lines.add(new Text(line, to == null ? "→ end" : "→ #" + to, true));
                    if (to != null) pending.add(new int[]{line - 5, to});
                }
            }
            int h = line - y + 12;
            boxes.add(new Box(i + 1, 10, y, BOX_WIDTH, h, lines));
            y += h + GAP;
        }
        List<Link> links = new ArrayList<>();
        int lane = 0;
        for (int[] p : pending) {
            Box target = boxes.get(p[1] - 1);
            int x = 10 + BOX_WIDTH;
            int out = x + 12 + (lane++ % 8) * 12;
            int ty = target.y() + 14;
            links.add(new Link("M" + x + " " + p[0] + " H" + out + " V" + ty + " H" + (x + 6)));
        }
        return new FlowDiagram(WIDTH, Math.max(y, 40), boxes, links);
    }

    /** An action in a few words, as staff know it from the flow editor. */
    static String describe(Action action) {
        if (action instanceof SendMsg m) {
            return "Send: " + m.text() + (m.quickReplies().isEmpty() ? "" : " " + m.quickReplies());
        } else if (action instanceof SendInteractiveMsg m) {
            var i = m.message();
            return "Send interactive: " + (i.header() == null ? "" : i.header() + " · ") + i.text()
                    + (i.buttons().isEmpty() ? "" : " " + i.buttons());
        } else if (action instanceof SetContactField f) {
            return "Set " + (f.name() == null ? f.key() : f.name()) + " = " + f.value();
        } else if (action instanceof SetContactName n) {
            return "Set name = " + n.name();
        } else if (action instanceof SetContactLanguage l) {
            return "Set language = " + l.language();
        } else if (action instanceof SetRunResult r) {
            return "Save result " + r.name() + " = " + r.value();
        } else if (action instanceof EnterFlow e) {
            return "Start flow " + (e.flowName() == null ? e.flowUuid() : e.flowName());
        } else if (action instanceof AddContactGroups g) {
            return "Add to groups " + g.groups();
        } else if (action instanceof RemoveContactGroups g) {
            return g.allGroups() ? "Remove from all groups" : "Remove from groups " + g.groups();
        } else if (action instanceof AddInputLabels l) {
            return "Label input " + l.labels();
        }
        return action.getClass().getSimpleName();
    }

    private static List<String> wrap(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        List<String> out = new ArrayList<>();
        while (flat.length() > MAX_CHARS && out.size() < 3) {
            int cut = flat.lastIndexOf(' ', MAX_CHARS);
            if (cut < MAX_CHARS / 2) cut = MAX_CHARS;
            out.add(flat.substring(0, cut));
            flat = flat.substring(cut).strip();
        }
        out.add(out.size() == 3 ? clip(flat, MAX_CHARS) : flat);
        return out;
    }

    private static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
