package dev.basalt.engine.security;

import java.util.Locale;

/**
 * The host part of an account: a literal host or IP, a pattern with {@code %} and {@code _}
 * wildcards, or {@code localhost}, which matches clients on the loopback interface (MySQL's
 * local socket and 127.0.0.1 / ::1 connections alike).
 */
public final class HostPattern {
    private HostPattern() {}

    /** True when a client at {@code clientHost} (an IP as the server saw it) matches {@code pattern}. */
    public static boolean matches(String pattern, String clientHost) {
        if (pattern.isEmpty() || pattern.equals("%")) return true;
        boolean loopback = isLoopback(clientHost);
        if (pattern.equalsIgnoreCase("localhost")) return loopback;
        if (loopback && (pattern.equals("127.0.0.1") || pattern.equals("::1"))) return true;
        return like(pattern.toLowerCase(Locale.ROOT), 0, clientHost.toLowerCase(Locale.ROOT), 0);
    }

    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * MySQL's order among accounts of one user name: literal hosts before patterns, patterns with
     * more literal characters before fewer, '%' last. Lower sorts first.
     */
    public static int specificity(String pattern) {
        if (pattern.isEmpty() || pattern.equals("%")) return Integer.MAX_VALUE;
        int wild = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') wild++;
        }
        if (wild == 0) return 0;
        return 1_000_000 - (pattern.length() - wild);
    }

    private static boolean like(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                for (int k = si; k <= s.length(); k++) if (like(p, pi + 1, s, k)) return true;
                return false;
            }
            if (si >= s.length()) return false;
            if (c != '_' && c != s.charAt(si)) return false;
            pi++;
            si++;
        }
        return si == s.length();
    }
}
