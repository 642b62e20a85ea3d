package io.sipwarden.audit.dialplan;

import io.sipwarden.audit.conf.Location;
import java.util.ArrayList;
import java.util.List;

/** An extension (literal or pattern) of one context with its priorities in file order. */
public final class Extension {
    private final String name;
    private final Pattern pattern;
    private final Location at;
    private final List<Step> steps = new ArrayList<>();

    Extension(String name, Location at) {
        this.name = name;
        this.pattern = Pattern.of(name);
        this.at = at;
    }

    public String name() {
        return name;
    }

    public Pattern pattern() {
        return pattern;
    }

    public Location at() {
        return at;
    }

    public List<Step> steps() {
        return steps;
    }

    void add(Step s) {
        steps.add(s);
    }
}
