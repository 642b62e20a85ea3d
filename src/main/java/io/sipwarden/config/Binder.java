package io.sipwarden.config;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds one section of a tree to its settings record and reports every error, not just the
 * first: Jackson stops at the first problem, so the offending value is removed from a working
 * copy (its default then applies) and the bind is repeated until it succeeds.
 */
final class Binder {

    private static final ObjectMapper MAPPER = ConfigMapper.create();
    private static final int MAX_ROUNDS = 500;
    /** Values under keys like these are never quoted in a message. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|passwd|token|key|credential).*");

    private Binder() {
    }

    /**
     * @param node    the section's subtree (null or missing: the section is absent, all defaults)
     * @param section the section's name, the first part of every path in messages
     * @param deferChecks skip the records' own {@link SettingException} checks (one file on its
     *                    own: such checks may compare keys that another file sets)
     * @return the bound record, or empty if the section could not be bound at all
     */
    static <T> Optional<T> bind(JsonNode node, String section, Class<T> type, Locations locations,
                                String file, ConfigErrors errors, boolean deferChecks) {
        JsonNode work = node == null || node.isNull() || node.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : node.deepCopy();
        Removals removals = new Removals();
        String lastPath = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            try {
                return Optional.of(MAPPER.readerFor(type).readValue(work));
            } catch (JsonMappingException e) {
                List<Object> current = aliasFile(work, refs(e));
                List<Object> original = removals.original(current);
                String path = render(section, original);
                JsonNode bad = at(work, current);
                boolean check = e instanceof ValueInstantiationException && e.getCause() instanceof SettingException;
                String errorPath = check ? SettingPaths.child(path, ((SettingException) e.getCause()).key()) : path;
                if (!(check && deferChecks)) {
                    errors.add(error(locations, file, errorPath, message(e, errorPath, bad)));
                }
                if (current.isEmpty() || path.equals(lastPath) || !remove(work, current, original, removals)) {
                    return Optional.empty();
                }
                lastPath = path;
            } catch (IOException e) {
                errors.add(error(locations, file, section, "cannot be read: " + e.getClass().getSimpleName()));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ConfigError error(Locations locations, String file, String path, String message) {
        Optional<Location> where = locations.nearest(path);
        return new ConfigError(where, where.map(l -> l.file().toString()).orElse(file), path, message);
    }

    private static String message(JsonMappingException e, String path, JsonNode bad) {
        boolean secret = SECRET_KEY.matcher(SettingPaths.lastKey(path)).matches();
        if (e instanceof BadValueException) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(null);
            return "unknown setting '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")");
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                return cause.getMessage();
            }
            return "invalid settings (" + cause.getClass().getSimpleName() + ")";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String got = Kinds.node(bad);
        if (e instanceof InvalidFormatException && bad != null && bad.isValueNode() && !secret) {
            got += " '" + io.sipwarden.decision.Texts.safe(bad.asText(), 50) + "'";
        }
        if (e.getCause() instanceof InputCoercionException ic && bad != null && bad.isNumber()) {
            return "number out of range for " + Kinds.expected(ic.getTargetType());
        }
        return "expected " + Kinds.expected(target) + ", got " + got;
    }

    private static List<Object> refs(JsonMappingException e) {
        List<Object> out = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.add(r.getIndex());
            }
        }
        return out;
    }

    /** Jackson names a {@code secret_file} property after its canonical name {@code secret}: point at what was written. */
    private static List<Object> aliasFile(JsonNode root, List<Object> path) {
        if (!path.isEmpty() && path.getLast() instanceof String key
                && at(root, path.subList(0, path.size() - 1)) instanceof ObjectNode parent
                && !parent.has(key) && parent.has(key + "_file")) {
            List<Object> fixed = new ArrayList<>(path);
            fixed.set(fixed.size() - 1, key + "_file");
            return fixed;
        }
        return path;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            if (n == null) {
                return null;
            }
            n = step instanceof Integer i ? n.get(i) : n.get((String) step);
        }
        return n;
    }

    private static boolean remove(JsonNode root, List<Object> current, List<Object> original, Removals removals) {
        JsonNode parent = at(root, current.subList(0, current.size() - 1));
        Object last = current.getLast();
        if (parent instanceof ObjectNode o && last instanceof String key && o.has(key)) {
            o.remove(key);
            return true;
        }
        if (parent instanceof ArrayNode a && last instanceof Integer i && i < a.size()) {
            a.remove(i.intValue());
            removals.removed(render("", original.subList(0, original.size() - 1)), (Integer) original.getLast());
            return true;
        }
        return false;
    }

    static String render(String section, List<Object> path) {
        String s = section;
        for (Object step : path) {
            s = step instanceof Integer i ? SettingPaths.element(s, i) : SettingPaths.child(s, (String) step);
        }
        return s;
    }

    /** Which list elements were taken out of the working copy, so indexes map back to the file's. */
    private static final class Removals {
        private final java.util.Map<String, TreeSet<Integer>> byList = new java.util.HashMap<>();

        void removed(String originalListPath, int originalIndex) {
            byList.computeIfAbsent(originalListPath, k -> new TreeSet<>()).add(originalIndex);
        }

        List<Object> original(List<Object> current) {
            List<Object> out = new ArrayList<>(current.size());
            for (Object step : current) {
                if (step instanceof Integer i) {
                    TreeSet<Integer> gone = byList.get(render("", out));
                    int o = i;
                    if (gone != null) {
                        for (int g : gone) {
                            if (g <= o) {
                                o++;
                            }
                        }
                    }
                    out.add(o);
                } else {
                    out.add(step);
                }
            }
            return out;
        }
    }
}
