package dev.basalt.server.tls;

import dev.basalt.engine.api.TlsReloader;
import dev.basalt.engine.session.SystemVariables;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ALTER INSTANCE RELOAD TLS for a running server: builds a new {@link ServerTls} from the current
 * {@code ssl_cert}, {@code ssl_key}, {@code ssl_ca}, {@code tls_version}, {@code ssl_cipher},
 * {@code tls_ciphersuites}, {@code ssl_crl} and {@code ssl_crlpath} values (file names relative to the data directory, as MySQL shows generated ones) and hands it
 * to the listeners. Also the source of the status variables that describe the TLS in use
 * (Current_tls_*, Ssl_server_not_before / _after).
 */
public final class TlsReload implements TlsReloader {
    /** OpenSSL's ASN1_TIME_print form, which MySQL shows: "Dec  7 03:13:00 2036 GMT". */
    private static final DateTimeFormatter OPENSSL_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The TLS in use and the variable values it was built from. */
    private record Active(ServerTls tls, String ca, String cert, String key, String version, String cipher,
                          String ciphersuites, String crl, String crlPath) {}

    private final SystemVariables variables;
    private final Path dataDir;
    private final String serverVersion;
    private final Consumer<ServerTls> listeners;
    private volatile Active active;
    /** The library the settings asked for at start: auto chooses again (tls_ciphersuites may have changed). */
    private final TlsLibrary library;

    /**
     * @param initial   the TLS the server started with (not null)
     * @param listeners hands a new context to every listener (null: TLS off for new connections)
     */
    public TlsReload(SystemVariables variables, Path dataDir, String serverVersion, ServerTls initial,
                     Consumer<ServerTls> listeners) {
        this.variables = variables;
        this.dataDir = dataDir;
        this.serverVersion = serverVersion;
        this.listeners = listeners;
        this.library = initial.requested();
        this.active = new Active(initial, text("ssl_ca"), text("ssl_cert"), text("ssl_key"), text("tls_version"),
                text("ssl_cipher"), text("tls_ciphersuites"), text("ssl_crl"), text("ssl_crlpath"));
    }

    @Override
    public synchronized String reload(boolean rollbackOnError) {
        String ca = text("ssl_ca"), cert = text("ssl_cert"), key = text("ssl_key");
        String version = text("tls_version"), cipher = text("ssl_cipher"), suites = text("tls_ciphersuites");
        String crl = text("ssl_crl"), crlPath = text("ssl_crlpath");
        try {
            TlsSettings settings = new TlsSettings(true, file(cert), file(key), file(ca), false, TlsOptions.DEFAULTS, library);
            ServerTls next = ServerTls.load(settings, dataDir, serverVersion,
                    new TlsOptions(version, cipher, suites, file(crl), file(crlPath)));
            listeners.accept(next);
            active = new Active(next, ca, cert, key, version, cipher, suites, crl, crlPath);
            return null;
        } catch (IOException | RuntimeException e) {
            if (!rollbackOnError) {
                listeners.accept(null);
                active = null;
            }
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** SHOW STATUS: what the listeners use now (empty when TLS was switched off). */
    public Map<String, String> status() {
        Active a = active;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Current_tls_ca", a == null ? "" : a.ca());
        m.put("Current_tls_cert", a == null ? "" : a.cert());
        m.put("Current_tls_key", a == null ? "" : a.key());
        m.put("Current_tls_version", a == null ? "" : a.version());
        m.put("Current_tls_cipher", a == null ? "" : a.cipher());
        m.put("Current_tls_ciphersuites", a == null ? "" : a.ciphersuites());
        m.put("Current_tls_crl", a == null ? "" : a.crl());
        m.put("Current_tls_crlpath", a == null ? "" : a.crlPath());
        m.put("Ssl_server_not_before", a == null ? "" : OPENSSL_TIME.format(a.tls().certificate().getNotBefore().toInstant()));
        m.put("Ssl_server_not_after", a == null ? "" : OPENSSL_TIME.format(a.tls().certificate().getNotAfter().toInstant()));
        return m;
    }

    private String text(String variable) {
        Object v = variables.global(variable);
        return v == null ? "" : v.toString();
    }

    /** A variable's file: null when empty, relative names in the data directory. */
    private Path file(String name) {
        if (name.isEmpty()) return null;
        Path p = Path.of(name);
        return p.isAbsolute() || dataDir == null ? p : dataDir.resolve(p);
    }
}
