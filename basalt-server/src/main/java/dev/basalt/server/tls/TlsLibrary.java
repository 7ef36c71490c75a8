package dev.basalt.server.tls;

import dev.basalt.server.SettingsException;

import java.util.Locale;

/**
 * Which TLS implementation the MySQL, PostgreSQL and HTTPS ports run in (the setting {@code tls-library}).
 * {@link #AUTO}: BoringSSL when its native library loads on this machine, else the JDK's provider;
 * the choice is logged at start and shown as {@code SHOW STATUS LIKE 'Ssl_library'}.
 */
public enum TlsLibrary {
    AUTO("auto"),
    /** BoringSSL through netty's OpenSSL engine; the server does not start when it cannot load. */
    BORINGSSL("boringssl"),
    /** The JDK's own provider (SunJSSE). */
    JDK("jdk");

    private final String settingValue;

    TlsLibrary(String settingValue) {
        this.settingValue = settingValue;
    }

    public String settingValue() { return settingValue; }

    /** The library by its setting name, any case. */
    public static TlsLibrary parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (TlsLibrary l : values()) if (l.settingValue.equals(t)) return l;
        throw new SettingsException("tls-library: expected auto, boringssl or jdk, got '" + text + "'");
    }
}
