package io.sipwarden.cli;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.BanSettings;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.decision.Texts;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import io.sipwarden.output.EveFormat;
import io.sipwarden.store.sqlite.SqliteStore;
import io.sipwarden.time.DurationText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden bans list|add|remove}: the decisions in the store. A running daemon polls the
 * store and applies changes made here within 5 seconds.
 */
@Command(name = "bans", description = "List, add or remove bans in the store.",
        subcommands = {BansCommand.ListBans.class, BansCommand.AddBan.class, BansCommand.RemoveBan.class})
final class BansCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return usage(spec, "say list, add or remove");
    }

    @Command(name = "list", description = "Active bans (the longest per address), oldest first.")
    static final class ListBans implements Callable<Integer> {
        @Mixin
        StateDirOption state;
        @Option(names = "--json", description = "One EVE decision record per line.")
        boolean json;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!state.exists(spec.commandLine().getErr())) {
                return Main.EXIT_USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            int[] n = {0};
            try (SqliteStore store = SqliteStore.open(state.store())) {
                store.forEachActive(now, d -> {
                    n[0]++;
                    out.println(json ? EveFormat.decisionJson(d) : line(d));
                });
            }
            if (!json) {
                out.println(n[0] + " active ban" + (n[0] == 1 ? "" : "s"));
            }
            out.flush();
            return Main.EXIT_OK;
        }

        static String line(Decision d) {
            return String.format("%-40s %-8s until %s  %s  %s", d.scope(), d.origin().name(), d.until(),
                    d.location().describe(), d.reason());
        }
    }

    @Command(name = "add", description = "Ban an address or prefix (trusted and own addresses are refused).")
    static final class AddBan implements Callable<Integer> {
        @Mixin
        StateDirOption state;
        @Parameters(paramLabel = "ADDRESS", description = "Address or prefix, e.g. 192.0.2.7 or 2001:db8::/48.")
        String address;
        @Option(names = "--for", paramLabel = "DURATION", description = "Ban length, e.g. 1h, 30d (default: the back-off for this address).")
        String length;
        @Option(names = "--reason", defaultValue = "manual ban", description = "Why (shown in lists and logs).")
        String reason;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Cidr scope = parse(spec, address);
            if (scope == null || !state.exists(spec.commandLine().getErr())) {
                return Main.EXIT_USAGE;
            }
            Duration len = null;
            if (length != null) {
                try {
                    len = DurationText.parse(length);
                } catch (IllegalArgumentException e) {
                    return usage(spec, "--for: " + e.getMessage());
                }
                if (len.isZero() || len.isNegative()) {
                    return usage(spec, "--for must be positive");
                }
                // Unchecked, 999999999w became a ban until the year 19 million and P106751991167300D
                // overflowed while the ban was built (exit 1, "long overflow").
                if (len.compareTo(BanSettings.LONGEST) > 0) {
                    return usage(spec, "--for must be at most " + DurationText.format(BanSettings.LONGEST)
                            + " (the longest ban, as for ban.max), got " + Texts.safe(length, 40));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            BanSettings ban = BanSettings.defaults();
            try (SqliteStore store = SqliteStore.open(state.store())) {
                BanBook book = new BanBook(ban.maxOffenders(), ban.decay());
                store.forEachOffender(now.minus(ban.decay()), book::restoreOffender);
                Decider decider = new Decider(ban, TrustGuard.builtIn(), book);
                String who = System.getProperty("user.name", "cli");
                switch (decider.request(scope, len, reason, Origin.manual(who), GeoLocation.UNKNOWN, now)) {
                    case Decider.Made m -> {
                        store.save(m.decision());
                        if (!store.flush(Duration.ofSeconds(10))) {
                            spec.commandLine().getErr().println("sipwarden: ban not saved: " + store.health().detail());
                            return Main.EXIT_RUNTIME;
                        }
                        out.println("banned " + scope + " until " + m.decision().until() + " (id " + m.decision().id() + ")");
                        out.println("a running daemon applies it within 5 seconds");
                    }
                    case Decider.Refused r -> {
                        spec.commandLine().getErr().println("sipwarden: refused to ban " + scope + ": " + r.why());
                        return Main.EXIT_RUNTIME;
                    }
                    case Decider.Suppressed s -> out.println(scope + " is already banned until " + s.until());
                    case Decider.Alerted a -> out.println("not banned");
                }
            }
            out.flush();
            return Main.EXIT_OK;
        }
    }

    @Command(name = "remove", description = "Lift the active bans on an address or prefix.")
    static final class RemoveBan implements Callable<Integer> {
        @Mixin
        StateDirOption state;
        @Parameters(paramLabel = "ADDRESS", description = "Address or prefix exactly as banned.")
        String address;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Cidr scope = parse(spec, address);
            if (scope == null || !state.exists(spec.commandLine().getErr())) {
                return Main.EXIT_USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            try (SqliteStore store = SqliteStore.open(state.store())) {
                long active = store.active(now).stream().filter(d -> d.scope().equals(scope)).count();
                if (active == 0) {
                    out.println("no active ban on " + scope);
                    out.flush();
                    return Main.EXIT_OK;
                }
                store.revoke(scope, now);
                if (!store.flush(Duration.ofSeconds(10))) {
                    spec.commandLine().getErr().println("sipwarden: unban not saved: " + store.health().detail());
                    return Main.EXIT_RUNTIME;
                }
                out.println("lifted " + active + " ban" + (active == 1 ? "" : "s") + " on " + scope
                        + " (a running daemon lifts it within 5 seconds)");
            }
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** The address or prefix, or null after printing a usage error. */
    static Cidr parse(CommandLine.Model.CommandSpec spec, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            usage(spec, e.getMessage());
            return null;
        }
    }

    // Main maps exceptions thrown by a command to exit 1; a usage error must be 2.
    static int usage(CommandLine.Model.CommandSpec spec, String message) {
        spec.commandLine().getErr().println("sipwarden: " + message);
        spec.commandLine().getErr().flush();
        return Main.EXIT_USAGE;
    }
}
