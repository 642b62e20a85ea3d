package io.sipwarden.store;

import io.sipwarden.decision.Decision;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The active bans of a store as a collection that reads them page by page while it is iterated,
 * so handing a million bans to an enforcer's {@code reconcile} never holds them all in memory.
 * Each iteration (and the first {@link #size()}) reads the store again; it is a view, not a copy.
 */
public final class ActiveDecisions extends AbstractCollection<Decision> {
    private static final int PAGE = 5_000;

    private final Store store;
    private final Instant now;
    private final Predicate<Decision> keep;
    private int size = -1;

    /** @param keep which decisions to include (e.g. not those the trust guard would refuse) */
    public ActiveDecisions(Store store, Instant now, Predicate<Decision> keep) {
        this.store = Objects.requireNonNull(store, "store");
        this.now = Objects.requireNonNull(now, "now");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    @Override
    public Iterator<Decision> iterator() {
        return new Iterator<>() {
            private List<Decision> page = List.of();
            private int next;
            private String after = "";
            private Decision ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null) {
                    if (next < page.size()) {
                        Decision d = page.get(next++);
                        if (keep.test(d)) {
                            ahead = d;
                        }
                    } else if (after == null) {
                        return false;
                    } else {
                        Store.Page p = store.activePage(now, after, PAGE);
                        page = p.decisions();
                        next = 0;
                        after = p.next();
                    }
                }
                return true;
            }

            @Override
            public Decision next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Decision d = ahead;
                ahead = null;
                return d;
            }
        };
    }

    @Override
    public int size() {
        if (size < 0) {
            int n = 0;
            for (Iterator<Decision> it = iterator(); it.hasNext(); it.next()) {
                n++;
            }
            size = n;
        }
        return size;
    }
}
