package io.sipwarden.cli;

import io.sipwarden.config.SettingException;
import io.sipwarden.time.DurationText;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.nftables.NftSession;
import io.sipwarden.enforce.perimeter.Perimeter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sipwarden firewall print|apply|remove}: the perimeter ruleset in a table of our own. */
@Command(name = "firewall", description = "Print, apply or remove the perimeter ruleset (nftables table inet sipwarden_perimeter).",
        subcommands = {FirewallCommand.Print.class, FirewallCommand.Apply.class, FirewallCommand.Remove.class})
public final class FirewallCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say print, apply or remove");
    }

    /** Options shared by the three subcommands. */
    static final class Options {
        @Option(names = "--config", description = "configuration file; its enforce: section is used (default: /etc/sipwarden/sipwarden.yml if present)")
        Path config;
        @Option(names = "--public-interface", description = "interface facing the internet (enables bogon filtering)")
        String publicInterface;
        @Option(names = "--trap-ports", split = ",", description = "trap ports, e.g. 23,1433,3306,3389,5900")
        List<Integer> trapPorts;
        @Option(names = "--trap-ban", description = "how long a trap-port touch bans the source, e.g. 10m")
        String trapBan;
        @Option(names = "--nfqueue", description = "hand NEW SIP packets to NFQUEUE (inline sensor)")
        Boolean nfqueue;
        @Option(names = "--netns", description = "act in this network namespace")
        String netns;

        EnforceSettings settings() throws io.sipwarden.config.ConfigException {
            EnforceSettings s = load();
            EnforceSettings.Perimeter p = s.perimeter();
            EnforceSettings.Nfqueue q = p.nfqueue();
            try {
                p = new EnforceSettings.Perimeter(p.table(), publicInterface != null ? publicInterface : p.publicInterface(),
                        trapPorts != null ? trapPorts : p.trapPorts(), trapBan != null ? DurationText.parse(trapBan) : p.trapBan(),
                        p.sipPorts(), p.registerRate(), p.inviteRate(), p.newConnRate(),
                        nfqueue != null ? new EnforceSettings.Nfqueue(nfqueue, q.num(), q.bypass()) : q);
            } catch (IllegalArgumentException e) {
                // The option, not the file, set it: say so, or the user searches the file for trap_ban.
                boolean option = trapBan != null && (e instanceof SettingException se ? se.key().equals("trap_ban")
                        : e.getMessage().startsWith("not a duration"));
                throw option ? new IllegalArgumentException("--trap-ban: " + e.getMessage(), e) : e;
            }
            return new EnforceSettings(s.backend(), s.scope(), s.voipPorts(), s.removeOnStop(), s.reconcileInterval(),
                    s.table(), s.trusted(), s.trustOwnAddresses(), s.libnftables(), s.ipset(),
                    netns != null ? netns : s.netns(), p);
        }

        private EnforceSettings load() throws io.sipwarden.config.ConfigException {
            return io.sipwarden.config.ConfigLoader.load(config).section(io.sipwarden.config.Sections.ENFORCE);
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Options options;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            EnforceSettings s;
            try {
                s = options.settings();
            } catch (IllegalArgumentException e) {
                err.println("sipwarden firewall: " + e.getMessage());
                return Main.EXIT_USAGE;
            } catch (io.sipwarden.config.ConfigException e) {
                e.lines().forEach(err::println);
                return Main.EXIT_USAGE;
            }
            try (NftSession nft = new NftSession(s.libnftables(), s.netns())) {
                return run(new Perimeter(s, nft), s, out);
            } catch (EnforcementException e) {
                err.println("sipwarden firewall: " + e.getMessage());
                return Main.EXIT_RUNTIME;
            }
        }

        abstract int run(Perimeter p, EnforceSettings s, PrintWriter out) throws EnforcementException;
    }

    /** Prints the nft script. */
    @Command(name = "print", description = "Print the ruleset as an nft script (nothing is changed).")
    static final class Print extends Sub {
        @Override
        int run(Perimeter p, EnforceSettings s, PrintWriter out) {
            out.print(p.print());
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** Applies it atomically. */
    @Command(name = "apply", description = "Replace table inet sipwarden_perimeter in one transaction.")
    static final class Apply extends Sub {
        @Override
        int run(Perimeter p, EnforceSettings s, PrintWriter out) throws EnforcementException {
            Perimeter.Applied a = p.apply();
            out.println("applied nftables table " + a.table() + (s.netns().isEmpty() ? "" : " in netns " + s.netns()));
            if (a.nfqueue()) {
                out.println("NEW SIP packets go to NFQUEUE " + s.perimeter().nfqueue().num() + " via " + a.nfqueueVia()
                        + (s.perimeter().nfqueue().bypass() ? " (bypass: pass when no reader is bound)" : ""));
            }
            a.notes().forEach(n -> out.println("note: " + n));
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** Removes it. */
    @Command(name = "remove", description = "Delete table inet sipwarden_perimeter (other rules are not touched).")
    static final class Remove extends Sub {
        @Override
        int run(Perimeter p, EnforceSettings s, PrintWriter out) throws EnforcementException {
            p.remove();
            out.println("removed nftables table inet " + s.perimeter().table());
            out.flush();
            return Main.EXIT_OK;
        }
    }
}
