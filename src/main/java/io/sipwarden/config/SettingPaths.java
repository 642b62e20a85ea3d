package io.sipwarden.config;

/** Dotted setting paths: {@code policy.geofence.sip.allow.countries[1]}. */
final class SettingPaths {
    private SettingPaths() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static boolean isSelfOrBelow(String path, String ancestor) {
        if (!path.startsWith(ancestor)) {
            return false;
        }
        if (path.length() == ancestor.length()) {
            return true;
        }
        char c = path.charAt(ancestor.length());
        return c == '.' || c == '[';
    }

    /** The last key of a path, without list indexes: {@code countries} for {@code a.countries[1]}. */
    static String lastKey(String path) {
        String p = path;
        while (p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
        }
        return p.substring(p.lastIndexOf('.') + 1);
    }
}
