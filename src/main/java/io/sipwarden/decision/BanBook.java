package io.sipwarden.decision;

import io.sipwarden.net.AddressTable;
import io.sipwarden.net.Cidr;
import io.sipwarden.time.CompactTime;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory index of active bans and offence history, compact enough for millions of
 * addresses: per address one slot of {@link AddressTable} plus four ints (ban start, ban end,
 * offence count, last offence), no objects. Prefix bans (rare, manual) are a short list.
 * The engine consults it on every finding; the store is only the durable copy. One thread.
 */
public final class BanBook {
    private static final int NONE = Integer.MIN_VALUE;

    private final AddressTable table;
    private final int decay;
    private int[] start = new int[0];
    private int[] until = new int[0];
    private int[] offences = new int[0];
    private int[] lastOffence = new int[0];
    private final List<PrefixBan> prefixes = new ArrayList<>();
    private int sweep;

    private record PrefixBan(Cidr scope, int start, int until) {
    }

    public BanBook(int maxEntries, java.time.Duration decay) {
        this.decay = CompactTime.seconds(decay);
        this.table = new AddressTable(maxEntries, new AddressTable.Columns() {
            @Override
            public void grow(int capacity) {
                start = Arrays.copyOf(start, capacity);
                until = Arrays.copyOf(until, capacity);
                offences = Arrays.copyOf(offences, capacity);
                lastOffence = Arrays.copyOf(lastOffence, capacity);
            }

            @Override
            public void clear(int slot) {
                start[slot] = NONE;
                until[slot] = NONE;
                offences[slot] = 0;
                lastOffence[slot] = NONE;
            }
        });
    }

    /** End of the ban in force on {@code a} at {@code now} (single or prefix), or null. */
    public Instant bannedUntil(InetAddress a, Instant now) {
        int n = CompactTime.of(now);
        int u = activeUntil(a, n);
        return u == NONE ? null : CompactTime.toInstant(u);
    }

    int activeUntil(InetAddress a, int now) {
        int best = NONE;
        int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
        if (s >= 0 && until[s] > now) {
            best = until[s];
        }
        for (PrefixBan p : prefixes) {
            if (p.until > now && p.until > best && p.scope.contains(a)) {
                best = p.until;
            }
        }
        return best;
    }

    /** Length in seconds of the single-address ban in force, or 0. */
    int activeLength(InetAddress a, int now) {
        int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
        return s >= 0 && until[s] > now ? until[s] - start[s] : 0;
    }

    /** Offences of {@code a} that still count at {@code now} (0 once the decay period passed). */
    int offences(InetAddress a, int now) {
        int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
        if (s < 0 || offences[s] == 0 || now - lastOffence[s] > decay) {
            return 0;
        }
        return offences[s];
    }

    /** Records a ban of one address; {@code offenceCount} > 0 also records an offence at {@code banStart}. */
    void ban(InetAddress a, int banStart, int banUntil, int offenceCount) {
        int s = slotFor(a, banStart);
        start[s] = banStart;
        until[s] = banUntil;
        if (offenceCount > 0) {
            offences[s] = offenceCount;
            lastOffence[s] = banStart;
        }
        table.stamp(s, Math.max(banUntil, lastOffence[s] == NONE ? NONE : lastOffence[s] + decay));
    }

    /** Restores a stored decision at start (or applies one made elsewhere). */
    public void restore(Decision d) {
        if (d.type() != Decision.Type.BAN) {
            return;
        }
        int s0 = CompactTime.of(d.created());
        int u = CompactTime.of(d.until());
        if (d.scope().isSingleAddress()) {
            InetAddress a = d.scope().network();
            int s = slotFor(a, s0);
            if (u > until[s]) {
                start[s] = s0;
                until[s] = u;
                table.stamp(s, Math.max(table.stamp(s), u));
            }
        } else {
            prefixes.add(new PrefixBan(d.scope(), s0, u));
        }
    }

    /** Restores offence history from the store at start. */
    public void restoreOffender(InetAddress a, int count, Instant last) {
        int l = CompactTime.of(last);
        int s = slotFor(a, l);
        offences[s] = Math.max(offences[s], count);
        lastOffence[s] = Math.max(lastOffence[s], l);
        table.stamp(s, Math.max(table.stamp(s), l + decay));
    }

    /** Lifts bans on {@code scope} (a manual unban); offence history stays. */
    public void lift(Cidr scope) {
        if (scope.isSingleAddress()) {
            InetAddress a = scope.network();
            int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
            if (s >= 0) {
                until[s] = NONE;
            }
        }
        prefixes.removeIf(p -> p.scope.equals(scope));
    }

    /**
     * Lifts the ban {@code revoked} put in force (a revocation made elsewhere), and only that one.
     * Bans are kept per scope without their decision's id, so the ban in force is recognised by
     * its start and end (to the second): a newer or longer ban on the same scope, such as one made
     * again right after the revocation, stays.
     *
     * @return false when another decision's ban is in force on the scope at {@code now}, so the
     *         caller must not lift the scope from the enforcers either; true otherwise
     */
    public boolean lift(Decision revoked, Instant now) {
        int n = CompactTime.of(now);
        int s0 = CompactTime.of(revoked.created());
        int u = CompactTime.of(revoked.until());
        Cidr scope = revoked.scope();
        if (scope.isSingleAddress()) {
            InetAddress a = scope.network();
            int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
            if (s < 0 || until[s] <= n) {
                return true;
            }
            if (start[s] != s0 || until[s] != u) {
                return false;
            }
            until[s] = NONE;
            return true;
        }
        prefixes.removeIf(p -> p.scope.equals(scope) && p.start == s0 && p.until == u);
        return prefixes.stream().noneMatch(p -> p.scope.equals(scope) && p.until > n);
    }

    /**
     * Whether a ban longer than {@code d} is in force on exactly its scope at {@code now}. The
     * enforcers must then not be handed {@code d}: every backend's add overwrites an element's
     * timeout (ipset {@code -exist}, nftables' re-add), so {@code bans add X --for 5m} while a 1d
     * ban on X is live would cut the kernel's ban to five minutes.
     */
    public boolean outlasted(Decision d, Instant now) {
        int n = CompactTime.of(now);
        int u = CompactTime.of(d.until());
        Cidr scope = d.scope();
        if (scope.isSingleAddress()) {
            InetAddress a = scope.network();
            int s = table.find(AddressTable.keyHi(a), AddressTable.keyLo(a));
            return s >= 0 && until[s] > n && until[s] > u;
        }
        for (PrefixBan p : prefixes) {
            if (p.scope.equals(scope) && p.until > n && p.until > u) {
                return true;
            }
        }
        return false;
    }

    /** Bans in force at {@code now}: single addresses and prefixes. A full scan: for status, not per event. */
    public int activeCount(Instant now) {
        int n = CompactTime.of(now);
        int count = 0;
        for (int s = 0; s < table.highWater(); s++) {
            if (table.isLive(s) && until[s] > n) {
                count++;
            }
        }
        for (PrefixBan p : prefixes) {
            if (p.until > n) {
                count++;
            }
        }
        return count;
    }

    /** Addresses held (active bans and remembered offenders). */
    public int size() {
        return table.size() + prefixes.size();
    }

    public long evictions() {
        return table.evictions();
    }

    /** Forgets what no longer matters at {@code now}: ended bans whose offences have decayed. */
    public void expire(Instant now) {
        int n = CompactTime.of(now);
        for (int s = 0; s < table.highWater(); s++) {
            if (table.isLive(s) && isStale(s, n)) {
                table.remove(s);
            }
        }
        prefixes.removeIf(p -> p.until <= n);
    }

    private boolean isStale(int s, int now) {
        return until[s] <= now && (lastOffence[s] == NONE || now - lastOffence[s] > decay);
    }

    private int slotFor(InetAddress a, int now) {
        long h = AddressTable.keyHi(a);
        long l = AddressTable.keyLo(a);
        int s = table.find(h, l);
        if (s >= 0) {
            return s;
        }
        // Two stale entries swept per insert keep the table from filling with history.
        for (int i = 0; i < 2 && table.highWater() > 0; i++) {
            sweep = sweep + 1 >= table.highWater() ? 0 : sweep + 1;
            if (table.isLive(sweep) && isStale(sweep, now)) {
                table.remove(sweep);
            }
        }
        return table.findOrAdd(h, l, now);
    }
}
