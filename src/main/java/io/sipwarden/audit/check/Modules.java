package io.sipwarden.audit.check;

import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.Locale;

/** Which modules modules.conf lets Asterisk load (autoload, noload, load, preload, require). */
final class Modules {
    private final ConfFile conf;

    Modules(ConfFile conf) {
        this.conf = conf;
    }

    /** True when {@code module} (e.g. "chan_sip.so") is loaded, assuming it is installed. */
    boolean loaded(String module) {
        Section s = conf.first("modules");
        if (!conf.present() || s == null) {
            return true;
        }
        String m = module.toLowerCase(Locale.ROOT);
        Boolean explicit = null;
        for (Setting v : s.settings()) {
            String k = v.key().toLowerCase(Locale.ROOT);
            String name = v.value().strip().toLowerCase(Locale.ROOT);
            if (!name.equals(m) && !name.equals(m.replace(".so", ""))) {
                continue;
            }
            switch (k) {
                case "noload" -> explicit = false;
                case "load", "preload", "require", "preload-require" -> explicit = true;
                default -> { }
            }
        }
        if (explicit != null) {
            return explicit;
        }
        return s.value("autoload", "no").equals("yes");
    }

    /** Where the module is mentioned or where autoload is set, for evidence. */
    Setting autoload() {
        Section s = conf.first("modules");
        return s == null ? null : s.get("autoload").orElse(null);
    }
}
