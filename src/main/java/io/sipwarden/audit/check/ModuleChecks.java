package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel drivers loaded for protocols nobody uses. A driver whose config file is absent declines to
 * load (and opens nothing), so only drivers with a config file but no peers/users are reported.
 */
final class ModuleChecks implements Check {

    private record Protocol(String module, String conf, String ports) {
    }

    private static final List<Protocol> PROTOCOLS = List.of(
            new Protocol("chan_iax2.so", "iax.conf", "4569/udp"),
            new Protocol("chan_mgcp.so", "mgcp.conf", "2727/udp"),
            new Protocol("chan_skinny.so", "skinny.conf", "2000/tcp"),
            new Protocol("chan_unistim.so", "unistim.conf", "5000/udp"),
            new Protocol("chan_ooh323.so", "ooh323.conf", "1720/tcp"),
            new Protocol("pbx_dundi.so", "dundi.conf", "4520/udp"));

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        Modules modules = new Modules(in.config().file("modules.conf"));
        for (Protocol p : PROTOCOLS) {
            ConfFile conf = in.config().file(p.conf());
            if (!conf.present() || !modules.loaded(p.module()) || configured(conf)) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            Setting autoload = modules.autoload();
            if (autoload != null) {
                ev.add(Evidence.of(autoload));
            }
            ev.add(Evidence.note(new Location(conf.path(), 0), p.conf() + " present but defines no peers/users"));
            out.add(AuditFinding.of(Rule.UNUSED_PROTOCOL_MODULE, p.module(),
                    p.module() + " is loaded and opens " + p.ports() + " although " + p.conf() + " configures nothing", ev));
        }
    }

    private static boolean configured(ConfFile conf) {
        for (Section s : conf.objects()) {
            String n = s.name().toLowerCase(java.util.Locale.ROOT);
            if (n.equals("general") || n.equals("authentication")) {
                continue;
            }
            if (n.equals("mappings") && s.settings().isEmpty()) {
                continue;
            }
            return true;
        }
        return false;
    }
}
