package dev.oldbuffer.catalogue;

import dev.oldbuffer.spi.Profile;
import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oldbuffer.spi.Function;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The assertion catalogue, loaded from {@code assertions.yaml} next to this class. Loading validates
 * every entry and fails with a {@link CatalogueException} that names the entry.
 */
@API(status = STABLE, since = "0.1")
public final class Catalogue {

    /** Ids are a function's prefix and two digits, so that they fit in a Java method name. */
    static final Pattern ID = Pattern.compile(Arrays.stream(Function.values()).map(Function::idPrefix)
            .collect(Collectors.joining("|", "(", ")[0-9]{2}")));
    /** The page's sections: its preamble and one per function. */
    static final List<String> SECTIONS = Stream.concat(Stream.of("preamble"), Arrays.stream(Function.values()).map(Function::cName))
            .toList();
    private static final List<String> EXPECTED_FIELDS = List.of("error", "error-by-cause", "preset-error");
    private static final List<String> FIELDS = List.of("id", "function", "topic", "source", "requirement", "profiles");
    private static final List<String> KNOWN_FIELDS = List.of("id", "function", "topic", "source", "requirement",
            "profiles", "expected", "testable", "note");

    private static volatile Catalogue bundled;

    private final String version;
    private final Map<String, Assertion> byId;

    private Catalogue(String version, Map<String, Assertion> byId) {
        this.version = version;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The catalogue shipped with the kit; loaded once. */
    public static Catalogue bundled() {
        Catalogue c = bundled;
        if (c == null) {
            try (InputStream in = Catalogue.class.getResourceAsStream("assertions.yaml")) {
                if (in == null) {
                    throw new CatalogueException("assertions.yaml is missing from the class path");
                }
                c = load(in, "assertions.yaml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = c;
        }
        return c;
    }

    /** Parses and validates a catalogue; {@code name} appears in error messages. */
    public static Catalogue load(InputStream yaml, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new CatalogueException(name + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("assertions").isArray()) {
            throw new CatalogueException(name + ": expected a mapping with 'version' and a list 'assertions'");
        }
        String version = root.path("version").asText("");
        if (version.isEmpty()) {
            throw new CatalogueException(name + ": missing 'version'");
        }
        Map<String, String> topicNotes = topicNotes(root.path("topics"), name);
        Map<String, Assertion> byId = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : root.get("assertions")) {
            index++;
            Assertion a = parse(entry, name + ": entry #" + index, topicNotes);
            if (byId.putIfAbsent(a.id(), a) != null) {
                throw new CatalogueException(name + ": entry #" + index + ": duplicate id '" + a.id() + "'");
            }
        }
        for (String topic : topicNotes.keySet()) {
            if (byId.values().stream().noneMatch(a -> a.topic().equals(topic))) {
                throw new CatalogueException(name + ": topics." + topic + ": no assertion has this topic");
            }
        }
        return new Catalogue(version, byId);
    }

    /** The optional {@code topics} mapping: a note per topic, inherited by its assertions that have none. */
    private static Map<String, String> topicNotes(JsonNode topics, String name) {
        Map<String, String> notes = new LinkedHashMap<>();
        if (topics.isMissingNode()) {
            return notes;
        }
        if (!topics.isObject()) {
            throw new CatalogueException(name + ": 'topics' must map topic names to {note: ...}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = topics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            JsonNode v = t.getValue();
            if (!v.isObject() || v.size() != 1 || !v.path("note").isTextual() || v.get("note").asText().isBlank()) {
                throw new CatalogueException(name + ": topics." + t.getKey() + ": expected exactly {note: text}");
            }
            notes.put(t.getKey(), v.get("note").asText().strip());
        }
        return notes;
    }

    private static Assertion parse(JsonNode e, String where, Map<String, String> topicNotes) {
        if (!e.isObject()) {
            throw new CatalogueException(where + ": not a mapping");
        }
        String id = e.path("id").asText("");
        String at = id.isEmpty() ? where : where + " (" + id + ")";
        for (String field : FIELDS) {
            if (!e.hasNonNull(field) || (e.get(field).isTextual() && e.get(field).asText().isBlank())) {
                throw new CatalogueException(at + ": missing field '" + field + "'");
            }
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!KNOWN_FIELDS.contains(field)) {
                throw new CatalogueException(at + ": unknown field '" + field + "'; known: " + KNOWN_FIELDS);
            }
        }
        if (!ID.matcher(id).matches()) {
            throw new CatalogueException(at + ": id must be a function's prefix and two digits: "
                    + Arrays.stream(Function.values()).map(f -> f.idPrefix() + "01").collect(Collectors.joining(", ")));
        }
        Function function;
        try {
            function = Function.ofCName(e.get("function").asText());
        } catch (IllegalArgumentException ex) {
            throw new CatalogueException(at + ": " + ex.getMessage());
        }
        if (!id.startsWith(function.idPrefix())) {
            throw new CatalogueException(at + ": id of a " + function + " assertion must start with '" + function.idPrefix() + "'");
        }
        JsonNode src = e.get("source");
        String section = src.path("section").asText("");
        if (!SECTIONS.contains(section)) {
            throw new CatalogueException(at + ": source.section must be one of " + SECTIONS + ", got '" + section + "'");
        }
        if (!src.path("sentence").canConvertToInt() || src.path("sentence").asInt() < 0) {
            throw new CatalogueException(at + ": source.sentence must be a number >= 0");
        }
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        if (!e.get("profiles").isArray() || e.get("profiles").isEmpty()) {
            throw new CatalogueException(at + ": 'profiles' must be a non-empty list");
        }
        for (JsonNode p : e.get("profiles")) {
            profiles.add(profile(p.asText(), at));
        }
        Map<Profile, Expected> expected = new EnumMap<>(Profile.class);
        if (e.has("expected")) {
            if (!e.get("expected").isObject()) {
                throw new CatalogueException(at + ": 'expected' must map profiles to outcomes");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.get("expected").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> x = it.next();
                Profile p = profile(x.getKey(), at);
                if (!profiles.contains(p)) {
                    throw new CatalogueException(at + ": expected outcome given for profile '" + p + "' it does not belong to");
                }
                expected.put(p, expected(x.getValue(), at + ": expected." + p));
            }
        }
        boolean testable = e.path("testable").asBoolean(true);
        String note = e.path("note").asText(topicNotes.getOrDefault(e.get("topic").asText(), ""));
        if (!testable && note.isBlank()) {
            throw new CatalogueException(at + ": an untestable assertion needs a 'note' saying why");
        }
        return new Assertion(id, function, e.get("topic").asText(), new SourceRef(section, src.get("sentence").asInt()),
                e.get("requirement").asText().strip(), Collections.unmodifiableSet(profiles),
                Collections.unmodifiableMap(expected), testable, note.strip());
    }

    /**
     * One profile's expected outcome: a mapping with {@code error: Type}, or {@code error-by-cause: {cause: Type, ...}}
     * (the type {@value Expected#RAISED} passes on what the exporter raised), and/or {@code preset-error: fate}.
     */
    private static Expected expected(JsonNode node, String at) {
        if (!node.isObject() || node.isEmpty()) {
            throw new CatalogueException(at + ": must be a mapping with one or more of " + EXPECTED_FIELDS);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!EXPECTED_FIELDS.contains(field)) {
                throw new CatalogueException(at + ": unknown field '" + field + "'; known: " + EXPECTED_FIELDS);
            }
        }
        if (node.has("error") && node.has("error-by-cause")) {
            throw new CatalogueException(at + ": give 'error' (one type for every cause) or 'error-by-cause', not both");
        }
        Optional<String> error = node.has("error") ? Optional.of(errorType(node.get("error"), false, at + ".error"))
                : Optional.empty();
        Map<RefusalCause, String> byCause = new EnumMap<>(RefusalCause.class);
        if (node.has("error-by-cause")) {
            JsonNode causes = node.get("error-by-cause");
            if (!causes.isObject() || causes.isEmpty()) {
                throw new CatalogueException(at + ".error-by-cause: must map causes to exception types");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = causes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                try {
                    byCause.put(RefusalCause.ofKey(c.getKey()), errorType(c.getValue(), true, at + ".error-by-cause." + c.getKey()));
                } catch (IllegalArgumentException ex) {
                    throw new CatalogueException(at + ".error-by-cause: " + ex.getMessage());
                }
            }
        }
        Optional<Expected.PresetError> preset = Optional.empty();
        if (node.has("preset-error")) {
            try {
                preset = Optional.of(Expected.PresetError.ofKey(node.get("preset-error").asText()));
            } catch (IllegalArgumentException ex) {
                throw new CatalogueException(at + ".preset-error: " + ex.getMessage());
            }
        }
        return new Expected(error, byCause, preset);
    }

    /** A Python exception type's name ({@code TypeError}), or with {@code raisedAllowed} the word {@value Expected#RAISED}. */
    private static String errorType(JsonNode node, boolean raisedAllowed, String at) {
        String type = node.isTextual() ? node.asText() : "";
        if (raisedAllowed && type.equals(Expected.RAISED)) {
            return type;
        }
        if (!EXCEPTION_TYPE.matcher(type).matches()) {
            throw new CatalogueException(at + ": must be an exception type's name such as TypeError"
                    + (raisedAllowed ? " or '" + Expected.RAISED + "'" : "") + ", got '" + node.asText() + "'");
        }
        return type;
    }

    private static final Pattern EXCEPTION_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*(Error|Exception|Warning)");

    private static Profile profile(String id, String at) {
        try {
            return Profile.ofId(id);
        } catch (IllegalArgumentException ex) {
            throw new CatalogueException(at + ": " + ex.getMessage());
        }
    }

    /** The catalogue's own version, stamped on results. */
    public String version() {
        return version;
    }

    /** All assertions in file order. */
    public List<Assertion> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Assertion> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The assertion with this id; {@link IllegalArgumentException} when there is none. */
    public Assertion get(String id) {
        Assertion a = byId.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no assertion '" + id + "' in the catalogue");
        }
        return a;
    }

    /** The assertions of a profile, testable or not, in file order: what a run reports on. */
    public List<Assertion> of(Profile profile) {
        return byId.values().stream().filter(a -> a.appliesTo(profile)).toList();
    }

    /** The testable assertions of a profile, in file order. */
    public List<Assertion> testable(Profile profile) {
        List<Assertion> out = new ArrayList<>();
        for (Assertion a : byId.values()) {
            if (a.testable() && a.appliesTo(profile)) {
                out.add(a);
            }
        }
        return out;
    }
}
