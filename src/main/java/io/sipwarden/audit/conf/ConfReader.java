package io.sipwarden.audit.conf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Reads an Asterisk config file the way Asterisk's config.c does: sections, templates,
 * {@code #include}/{@code #tryinclude} (relative to the config directory, globs allowed, loops
 * refused), {@code #exec} recorded but never run, {@code =}, {@code =>} and {@code +=}. A bad file
 * or line becomes a {@link ConfProblem}; reading goes on with the rest.
 */
public final class ConfReader {

    static final int MAX_INCLUDE_DEPTH = 32;
    /**
     * Work one top-level read may do, whatever the files say: the loop and depth checks alone let
     * a file that includes the next one twice, 32 deep, ask for 2^32 reads, and a template that
     * inherits the previous one twice doubles its settings with every line. FreePBX with 10,000
     * extensions stays far below each.
     */
    static final int MAX_FILES = 1_024;
    static final int MAX_SETTINGS = 2_000_000;
    /** Longest value {@code +=} may build: each append copies the value, so an unbounded one is quadratic. */
    static final int MAX_VALUE_CHARS = 65_536;

    private final Path root;
    private final SourceLoader loader;

    /** @param root the Asterisk config directory (astetcdir); relative includes resolve against it */
    public ConfReader(Path root) {
        this(root, SourceLoader.MAX_BYTES);
    }

    public ConfReader(Path root, long maxFileBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.loader = new SourceLoader(maxFileBytes);
    }

    public Path root() {
        return root;
    }

    /** Reads {@code name} from the config directory; an absent file gives {@link ConfFile#present()} false. */
    public ConfFile read(String name) {
        Path path = root.resolve(name);
        if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
            return ConfFile.absent(name, path);
        }
        Parse p = new Parse();
        p.file(path, null, new ArrayDeque<>());
        p.close();
        return new ConfFile(name, path, true, p.sections, p.problems);
    }

    /** Mutable state of one top-level read; the current section carries across included files. */
    private final class Parse {
        final List<Section> sections = new ArrayList<>();
        final List<ConfProblem> problems = new ArrayList<>();
        // Sections stay builders until the end, indexed by name, so reopening one with (+), finding a
        // template and appending with += cost a lookup, not a scan of everything read so far.
        private final List<SectionBuilder> builders = new ArrayList<>();
        private final Map<String, SectionBuilder> lastByName = new HashMap<>();
        private final Map<String, SectionBuilder> firstByName = new HashMap<>();
        private final Map<String, SectionBuilder> firstTemplate = new HashMap<>();
        private SectionBuilder current;
        private int filesRead;
        private int settingCount;
        private boolean overBudget;
        private boolean valueTooLong;

        void file(Path path, Location cause, Deque<Path> stack) {
            Path key = canonical(path);
            if (stack.contains(key)) {
                problems.add(new ConfProblem(ConfProblem.Kind.INCLUDE_LOOP, cause,
                        "include loop: " + chain(stack, key) + "; not followed again"));
                return;
            }
            if (stack.size() >= MAX_INCLUDE_DEPTH) {
                problems.add(new ConfProblem(ConfProblem.Kind.INCLUDE_TOO_DEEP, cause,
                        "includes starting from " + stack.getLast().getFileName() + " nest deeper than "
                                + MAX_INCLUDE_DEPTH + " levels at " + path + "; not followed"));
                return;
            }
            if (filesRead >= MAX_FILES) {
                if (!overBudget) {
                    overBudget = true;
                    problems.add(new ConfProblem(ConfProblem.Kind.TOO_LARGE, cause, "includes starting from "
                            + stack.getLast().getFileName() + " read more than " + MAX_FILES
                            + " files (the same files included again and again?); " + path + " and the rest not followed"));
                }
                return;
            }
            filesRead++;
            List<String> lines = loader.lines(path, cause, problems::add);
            if (lines == null) {
                return;
            }
            stack.push(key);
            CommentStripper comments = new CommentStripper();
            int n = 0;
            for (String raw : lines) {
                n++;
                String line = comments.strip(raw);
                if (!line.isEmpty()) {
                    line(path, n, line, stack);
                }
            }
            stack.pop();
        }

        private void line(Path path, int n, String line, Deque<Path> stack) {
            Location at = new Location(path, n);
            if (line.charAt(0) == '#') {
                directive(at, line, stack);
            } else if (line.charAt(0) == '[') {
                header(at, line);
            } else {
                setting(at, line);
            }
        }

        private void directive(Location at, String line, Deque<Path> stack) {
            int sp = 1;
            while (sp < line.length() && !Character.isWhitespace(line.charAt(sp))) {
                sp++;
            }
            String word = line.substring(1, sp).toLowerCase(Locale.ROOT);
            String arg = unquote(line.substring(sp).strip());
            switch (word) {
                case "include", "tryinclude" -> include(at, arg, word.equals("tryinclude"), stack);
                case "exec", "tryexec" -> problems.add(new ConfProblem(ConfProblem.Kind.EXEC, at,
                        "#" + word + " directive (not executed by the audit; its output is not audited)"));
                default -> problems.add(new ConfProblem(ConfProblem.Kind.SYNTAX, at, "unknown directive #" + word));
            }
        }

        private void include(Location at, String arg, boolean optional, Deque<Path> stack) {
            if (arg.isEmpty()) {
                problems.add(new ConfProblem(ConfProblem.Kind.SYNTAX, at, "#include without a file name"));
                return;
            }
            List<Path> files = expand(arg);
            if (files.isEmpty()) {
                if (!optional) {
                    problems.add(new ConfProblem(ConfProblem.Kind.MISSING_INCLUDE, at,
                            "#include " + arg + ": no such file"));
                }
                return;
            }
            for (Path f : files) {
                file(f, at, stack);
            }
        }

        /** Relative names resolve against the config directory, as Asterisk does (not the including file). */
        private List<Path> expand(String arg) {
            Path p = root.resolve(arg).normalize();
            String last = p.getFileName() == null ? "" : p.getFileName().toString();
            boolean glob = last.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
            if (!glob) {
                return Files.exists(p) || Files.isSymbolicLink(p) ? List.of(p) : List.of();
            }
            List<Path> out = new ArrayList<>();
            Path dir = p.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, last)) {
                ds.forEach(out::add);
            } catch (IOException | RuntimeException e) {
                return out;
            }
            out.sort(null);
            return out;
        }

        private void header(Location at, String line) {
            int close = line.indexOf(']');
            if (close < 0) {
                problems.add(new ConfProblem(ConfProblem.Kind.SYNTAX, at, "section header without ']'"));
                return;
            }
            String name = line.substring(1, close).strip();
            boolean template = false;
            boolean append = false;
            List<String> inherits = new ArrayList<>();
            String rest = line.substring(close + 1).strip();
            if (rest.startsWith("(")) {
                int end = rest.indexOf(')');
                String opts = end < 0 ? rest.substring(1) : rest.substring(1, end);
                for (String o : opts.split(",")) {
                    String t = o.strip();
                    if (t.equals("!")) {
                        template = true;
                    } else if (t.startsWith("+")) {
                        append = true;
                    } else if (!t.isEmpty()) {
                        inherits.add(t);
                    }
                }
            }
            if (append) {
                SectionBuilder existing = lastByName.get(name);
                if (existing != null) {
                    current = existing;
                    return;
                }
            }
            SectionBuilder b = new SectionBuilder(name, template, inherits, at);
            for (String t : inherits) {
                SectionBuilder tpl = findTemplate(t);
                if (tpl == null) {
                    problems.add(new ConfProblem(ConfProblem.Kind.UNKNOWN_TEMPLATE, at,
                            "section [" + name + "] inherits from '" + t + "', which is not defined before it"));
                } else {
                    for (Setting s : List.copyOf(tpl.settings)) {
                        add(b, s, at);
                    }
                }
            }
            builders.add(b);
            lastByName.put(name, b);
            firstByName.putIfAbsent(name, b);
            if (template) {
                firstTemplate.putIfAbsent(name, b);
            }
            current = b;
        }

        private SectionBuilder findTemplate(String name) {
            SectionBuilder t = firstTemplate.get(name);
            return t != null ? t : firstByName.get(name);
        }

        /** Adds a setting unless the read has reached {@link #MAX_SETTINGS} (said once). */
        private void add(SectionBuilder b, Setting s, Location at) {
            if (settingCount >= MAX_SETTINGS) {
                if (!overBudget) {
                    overBudget = true;
                    problems.add(new ConfProblem(ConfProblem.Kind.TOO_LARGE, at, at.file() + ": more than " + MAX_SETTINGS
                            + " settings (templates inheriting templates?); the rest ignored"));
                }
                return;
            }
            settingCount++;
            b.add(s);
        }

        private void setting(Location at, String line) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfProblem(ConfProblem.Kind.SYNTAX, at,
                        eq == 0 ? "line starts with '=' (no key)" : "no '=' in line; ignored"));
                return;
            }
            if (current == null) {
                problems.add(new ConfProblem(ConfProblem.Kind.SYNTAX, at, "setting before any [section]; ignored"));
                return;
            }
            boolean append = line.charAt(eq - 1) == '+';
            String key = line.substring(0, append ? eq - 1 : eq).strip();
            boolean object = eq + 1 < line.length() && line.charAt(eq + 1) == '>';
            String value = line.substring(object ? eq + 2 : eq + 1).strip();
            if (append) {
                Integer i = current.last.get(fold(key));
                if (i != null) {
                    Setting s = current.settings.get(i);
                    if (s.value().length() + value.length() > MAX_VALUE_CHARS) {
                        if (!valueTooLong) {
                            valueTooLong = true;
                            problems.add(new ConfProblem(ConfProblem.Kind.TOO_LARGE, at, at.file() + ": '" + key + " +=' makes a value longer than "
                                    + MAX_VALUE_CHARS + " characters; this and further such appends ignored"));
                        }
                        return;
                    }
                    current.settings.set(i, s.withValue((s.value() + value).strip()));
                    return;
                }
            }
            add(current, new Setting(key, value, object, at), at);
        }

        void close() {
            for (SectionBuilder b : builders) {
                sections.add(b.build());
            }
            builders.clear();
            current = null;
        }
    }

    private static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private static final class SectionBuilder {
        final String name;
        final boolean template;
        final List<String> inherits;
        final Location at;
        final List<Setting> settings = new ArrayList<>();
        /** Index in {@link #settings} of the last setting of each key (folded), for {@code +=}. */
        final Map<String, Integer> last = new HashMap<>();

        SectionBuilder(String name, boolean template, List<String> inherits, Location at) {
            this.name = name;
            this.template = template;
            this.inherits = inherits;
            this.at = at;
        }

        void add(Setting s) {
            last.put(fold(s.key()), settings.size());
            settings.add(s);
        }

        Section build() {
            return new Section(name, template, inherits, at, settings);
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("<") && s.endsWith(">")))) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String chain(Deque<Path> stack, Path again) {
        StringBuilder b = new StringBuilder();
        var it = stack.descendingIterator();
        while (it.hasNext()) {
            b.append(it.next().getFileName()).append(" → ");
        }
        return b.append(again.getFileName()).toString();
    }
}
