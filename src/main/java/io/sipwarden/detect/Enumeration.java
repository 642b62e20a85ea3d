package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Service;
import io.sipwarden.time.CompactTime;
import io.sipwarden.time.DurationText;
import java.util.Arrays;

/**
 * SW-1002: account enumeration. Fires when one source names {@code threshold} distinct unknown
 * accounts within a window, or, sooner, when it names two distinct random 9-10 digit accounts:
 * sipvicious svwar opens every run with such a probe (captures s02, s03, s10) to see whether
 * unknown users are answered differently, so two of them are a fingerprint.
 *
 * <p>Distinct accounts are remembered as eight 16-bit fingerprints in two longs per source
 * (exact for thresholds up to 9 barring a 1-in-65536 collision), so no strings are kept.
 */
final class Enumeration implements Detector, Detector.Columns {
    static final String RULE = "SW-1002";
    static final int REVISION = 1;

    private final int threshold;
    private final int window;
    private final boolean numericProbes;
    private final boolean ban;
    private final String windowText;
    private int[] start = new int[0];
    private long[] lanesA = new long[0];
    private long[] lanesB = new long[0];
    private int[] numeric = new int[0];

    Enumeration(DetectorSettings.Enumeration s) {
        this.threshold = s.threshold();
        this.window = CompactTime.seconds(s.window());
        this.numericProbes = s.numericProbes() > 0;
        this.ban = s.action() == Action.BAN;
        this.windowText = DurationText.format(s.window());
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public int revision() {
        return REVISION;
    }

    @Override
    public Columns columns() {
        return this;
    }

    @Override
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        if (!(e.event() instanceof AuthFailure f) || f.reason() != AuthFailure.Reason.UNKNOWN_ACCOUNT
                || !(f.service() == Service.SIP || f.service() == Service.IAX2)) {
            return;
        }
        String account = f.account();
        if (account.isEmpty() || account.equals("<unknown>")) {
            return;
        }
        int slot = source.slot();
        int now = source.now();
        if (lanesA[slot] == 0 && numeric[slot] == 0 || now - start[slot] >= window) {
            clear(slot);
            start[slot] = now;
        }
        int hash = mix(account.hashCode());
        if (numericProbes && isNumericProbe(account)) {
            int fp = hash | 1;
            if (numeric[slot] == 0) {
                numeric[slot] = fp;
            } else if (numeric[slot] != fp) {
                report(f, slot, "sipvicious svwar probe: two random numeric accounts (last '"
                        + Texts.safe(account, 16) + "')", 2, out);
                return;
            }
        }
        int fp16 = (hash >>> 16) == 0 ? 1 : hash >>> 16;
        int distinct = add(slot, fp16);
        if (distinct >= threshold) {
            report(f, slot, distinct + " distinct unknown accounts within " + windowText + " (last '"
                    + Texts.safe(account, 48) + "')", distinct, out);
        }
    }

    private void report(AuthFailure f, int slot, String reason, int evidence, FindingSink out) {
        out.report(new Finding(RULE, REVISION, f.address(), Finding.Severity.MEDIUM, reason, "",
                CompactTime.toInstant(start[slot]), f.time(), evidence, ban));
        clear(slot);
    }

    /** Adds a fingerprint if new; returns how many distinct ones the slot holds. */
    private int add(int slot, int fp) {
        long a = lanesA[slot];
        long b = lanesB[slot];
        int n = 0;
        for (int i = 0; i < 8; i++) {
            long lanes = i < 4 ? a : b;
            int v = (int) (lanes >>> ((i & 3) * 16)) & 0xFFFF;
            if (v == fp) {
                return count(a) + count(b);
            }
            if (v == 0) {
                long put = (long) fp << ((i & 3) * 16);
                if (i < 4) {
                    lanesA[slot] = a | put;
                } else {
                    lanesB[slot] = b | put;
                }
                return n + 1;
            }
            n++;
        }
        return n + 1; // all 8 lanes full and this one is new: that makes 9, the largest threshold
    }

    private static int count(long lanes) {
        int n = 0;
        for (int i = 0; i < 4; i++) {
            if (((lanes >>> (i * 16)) & 0xFFFF) != 0) {
                n++;
            }
        }
        return n;
    }

    static boolean isNumericProbe(String account) {
        int n = account.length();
        if (n < 9 || n > 10) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = account.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    @Override
    public void grow(int capacity) {
        start = Arrays.copyOf(start, capacity);
        lanesA = Arrays.copyOf(lanesA, capacity);
        lanesB = Arrays.copyOf(lanesB, capacity);
        numeric = Arrays.copyOf(numeric, capacity);
    }

    @Override
    public void clear(int slot) {
        start[slot] = 0;
        lanesA[slot] = 0;
        lanesB[slot] = 0;
        numeric[slot] = 0;
    }
}
