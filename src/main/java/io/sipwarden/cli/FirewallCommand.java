package io.sipwarden.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipwarden.enforce.DurationText;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.nftables.NftSession;
import io.sipwarden.enforce.perimeter.Perimeter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

        EnforceSettings settings() {
            EnforceSettings s = load();
            EnforceSettings.Perimeter p = s.perimeter();
            EnforceSettings.Nfqueue q = p.nfqueue();
            p = new EnforceSettings.Perimeter(p.table(), publicInterface != null ? publicInterface : p.publicInterface(),
                    trapPorts != null ? trapPorts : p.trapPorts(), trapBan != null ? DurationText.parse(trapBan) : p.trapBan(),
                    p.sipPorts(), p.registerRate(), p.inviteRate(), p.newConnRate(),
                    nfqueue != null ? new EnforceSettings.Nfqueue(nfqueue, q.num(), q.bypass()) : q);
            return new EnforceSettings(s.backend(), s.scope(), s.voipPorts(), s.removeOnStop(), s.reconcileInterval(),
                    s.table(), s.trusted(), s.trustOwnAddresses(), s.libnftables(), s.ipset(),
                    netns != null ? netns : s.netns(), p);
        }

        private EnforceSettings load() {
            Path file = config;
            if (file == null) {
                Path dflt = Path.of("/etc/sipwarden/sipwarden.yml");
                if (!Files.isReadable(dflt)) {
                    return EnforceSettings.defaults();
                }
                file = dflt;
            }
            try {
                ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
                ConfigFile f = yaml.readValue(file.toFile(), ConfigFile.class);
                return f == null || f.enforce() == null ? EnforceSettings.defaults() : f.enforce();
            } catch (JsonMappingException e) {
                String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
                String setting = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                        .reduce((a, b) -> a + "." + b).orElse("");
                String msg = e.getOriginalMessage().lines().findFirst().orElse("");
                if (e instanceof UnrecognizedPropertyException u) {
                    msg = "unknown setting";
                    // Jackson reports where it stopped reading (after the value); name the key's own line.
                    where = keyLine(file, String.valueOf(u.getPropertyName())).map(n -> ":" + n).orElse(where);
                }
                throw new IllegalArgumentException(file + where + ": " + setting + ": " + msg, e);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static java.util.Optional<Integer> keyLine(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(key + ":")) {
                    return java.util.Optional.of(i + 1);
                }
            }
        } catch (IOException e) {
            // the line number is a courtesy
        }
        return java.util.Optional.empty();
    }

    /** The configuration file as far as this command is concerned. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConfigFile(EnforceSettings enforce) {
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
