package io.billow.catalog;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one catalog file's YAML nodes, collecting every mistake with its line instead of
 * stopping at the first. Scalars are read from their text, so no price ever passes through a
 * floating-point number.
 */
final class YamlFile {

    private final String name;
    private final List<String> errors;

    YamlFile(String name, List<String> errors) {
        this.name = name;
        this.errors = errors;
    }

    String name() {
        return name;
    }

    int errorCount() {
        return errors.size();
    }

    void error(Node at, String message) {
        errors.add(name + ":" + (at.getStartMark().getLine() + 1) + ": " + message);
    }

    /** The entries of a mapping, refusing keys outside {@code allowed} (typos are mistakes, not extensions). */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            error(node, what + " must be a mapping");
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (allowed != null && !allowed.contains(key)) {
                error(t.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: " + String.join(", ", sorted(allowed)) + ")");
                continue;
            }
            if (out.containsKey(key)) {
                error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    List<Node> sequence(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            error(node, what + " must be a list");
            return List.of();
        }
        return new ArrayList<>(s.getValue());
    }

    String text(Map<String, Node> m, String key, String what, Node parent) {
        Node n = m.get(key);
        if (n == null) {
            error(parent, what + " is missing '" + key + "'");
            return null;
        }
        return scalar(n, what + "." + key);
    }

    String optionalText(Map<String, Node> m, String key, String defaultValue) {
        Node n = m.get(key);
        return n == null ? defaultValue : scalar(n, key);
    }

    String scalar(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            error(n, what + " must be a single value");
            return null;
        }
        return s.getValue();
    }

    Integer integer(Map<String, Node> m, String key, String what, Node parent, Integer defaultValue) {
        Node n = m.get(key);
        if (n == null) {
            if (defaultValue == null) {
                error(parent, what + " is missing '" + key + "'");
            }
            return defaultValue;
        }
        String t = scalar(n, what + "." + key);
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            error(n, what + "." + key + " must be a whole number, got '" + t + "'");
            return defaultValue;
        }
    }

    BigDecimal decimal(Node n, String what) {
        String t = scalar(n, what);
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException | NullPointerException e) {
            error(n, what + " must be a decimal number, got '" + t + "'");
            return null;
        }
    }

    List<String> texts(Node n, String what) {
        List<String> out = new ArrayList<>();
        for (Node item : sequence(n, what)) {
            String t = scalar(item, what);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(Node n, Class<E> type, String what) {
        String t = scalar(n, what);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        error(n, "unknown " + what + " '" + t + "' (expected one of " + String.join(", ", names) + ")");
        return null;
    }

    static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }
}
