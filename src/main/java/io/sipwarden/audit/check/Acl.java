package io.sipwarden.audit.check;

import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asterisk's permit/deny semantics (start allowed, every matching rule overrides, the last match
 * wins; each named {@code acl=} list must allow too), evaluated against probe addresses to say how
 * far an account can be reached from. Host names in rules are not resolved.
 */
final class Acl {

    /** How widely the rules let a source in. */
    enum Reach {
        /** Some public IPv4 address gets in. */
        ANYWHERE,
        /** Only IPv6 sources get in from anywhere: the rules are IPv4-only and Asterisk does not apply them to IPv6. */
        ANYWHERE_IPV6,
        LIMITED, LOCAL;

        boolean open() {
            return this == ANYWHERE || this == ANYWHERE_IPV6;
        }
    }

    private static final List<InetAddress> PUBLIC = probes("8.8.8.8", "1.1.1.1", "203.0.113.7", "198.51.100.77", "185.1.2.3");
    private static final List<InetAddress> PUBLIC6 = probes("2001:4860:4860::8888", "2a00:1450::1");
    private static final List<InetAddress> PRIVATE = probes("10.1.2.3", "192.168.1.10", "172.16.5.5", "100.64.1.1", "fd00::1");

    private record Rule(boolean permit, Cidr range) {
    }

    private Acl() {
    }

    /**
     * Reach of an account with these permit/deny/acl settings; named lists come from acl.conf.
     *
     * @param ipv6 whether the service listens on IPv6 at all
     */
    static Reach reach(List<Setting> settings, ConfFile aclConf, boolean ipv6) {
        List<List<Rule>> lists = lists(settings, aclConf);
        if (allowsAny(lists, PUBLIC)) {
            return Reach.ANYWHERE;
        }
        if (ipv6 && allowsAny(lists, PUBLIC6)) {
            return Reach.ANYWHERE_IPV6;
        }
        List<InetAddress> beyond = new ArrayList<>(PRIVATE);
        for (List<Rule> l : lists) {
            for (Rule r : l) {
                if (r.permit()) {
                    beyond.add(inside(r.range()));
                }
            }
        }
        beyond.removeIf(a -> a.isLoopbackAddress() || (!ipv6 && a.getAddress().length == 16));
        return allowsAny(lists, beyond) ? Reach.LIMITED : Reach.LOCAL;
    }

    /** True when some rule exists but the list still lets the whole Internet in (permit without deny). */
    static boolean ineffective(List<Setting> settings, ConfFile aclConf, boolean ipv6) {
        return !settings.isEmpty() && reach(settings, aclConf, ipv6).open();
    }

    private static boolean allowsAny(List<List<Rule>> lists, List<InetAddress> probes) {
        for (InetAddress a : probes) {
            boolean all = true;
            for (List<Rule> l : lists) {
                all &= allows(l, a);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(List<Rule> rules, InetAddress a) {
        boolean allow = true;
        for (Rule r : rules) {
            if (r.range().isIpv4() == (a.getAddress().length == 4) && r.range().contains(a)) {
                allow = r.permit();
            }
        }
        return allow;
    }

    private static List<List<Rule>> lists(List<Setting> settings, ConfFile aclConf) {
        List<List<Rule>> lists = new ArrayList<>();
        List<Rule> own = new ArrayList<>();
        for (Setting s : settings) {
            String k = s.key().toLowerCase(Locale.ROOT);
            if (k.endsWith("acl")) {
                List<Rule> named = new ArrayList<>();
                for (Section sec : aclConf.sections(s.value().strip())) {
                    for (Setting r : sec.settings()) {
                        add(r, named);
                    }
                }
                lists.add(named);
            } else {
                add(s, own);
            }
        }
        lists.add(own);
        return lists;
    }

    private static void add(Setting s, List<Rule> out) {
        String k = s.key().toLowerCase(Locale.ROOT);
        boolean permit = k.endsWith("permit");
        if (!permit && !k.endsWith("deny")) {
            return;
        }
        for (String item : s.value().split(",")) {
            Cidr c = parse(item.strip());
            if (c != null) {
                out.add(new Rule(permit, c));
            }
        }
    }

    /** {@code 10.0.0.0/255.0.0.0}, {@code 10.0.0.0/8}, {@code ::1}, bare addresses; null for anything else. */
    static Cidr parse(String text) {
        String t = text.startsWith("!") ? text.substring(1) : text;
        int slash = t.indexOf('/');
        try {
            if (slash > 0 && t.indexOf('.', slash) > 0) {
                InetAddress mask = Addresses.parse(t.substring(slash + 1));
                return new Cidr(Addresses.parse(t.substring(0, slash)), prefixLength(mask.getAddress()));
            }
            return Cidr.parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int prefixLength(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    private static InetAddress inside(Cidr c) {
        byte[] b = c.network().getAddress().clone();
        if (!c.isSingleAddress()) {
            b[b.length - 1] |= 1;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            return c.network();
        }
    }

    private static List<InetAddress> probes(String... s) {
        List<InetAddress> l = new ArrayList<>();
        for (String x : s) {
            l.add(Addresses.parse(x));
        }
        return List.copyOf(l);
    }
}
