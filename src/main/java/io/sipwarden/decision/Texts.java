package io.sipwarden.decision;

/** Making attacker-controlled text safe to show in a reason, a log line or a terminal. */
public final class Texts {
    private Texts() {
    }

    /**
     * Replaces control characters (including ESC, so no terminal escape sequences), quotes and
     * backslashes, and truncates to {@code max} code points. The result is for display only.
     */
    public static String safe(String hostile, int max) {
        if (hostile == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(hostile.length(), max + 1));
        int count = 0;
        for (int i = 0; i < hostile.length() && count < max; ) {
            int cp = hostile.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || cp == '"' || cp == '\\' || cp == 0xFFFD
                    || Character.getType(cp) == Character.FORMAT) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
            count++;
        }
        if (count >= max && b.length() < hostile.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
