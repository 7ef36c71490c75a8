package dev.basalt.server;

/**
 * The HTTP SQL API's settings, kept apart from {@link ServerSettings} because the listener is
 * optional and owned by its own module (basalt-http).
 *
 * @param port                    TCP port, 0 for a free one; -1 when the HTTP API is off
 * @param statementTimeoutSeconds longest an HTTP request may run its statements; 0 for no limit
 */
public record HttpSettings(int port, int statementTimeoutSeconds) {

    /** The HTTP API off (the default). */
    public static final HttpSettings OFF = new HttpSettings(-1, 60);

    public HttpSettings {
        if (port < -1 || port > 65535) throw new SettingsException("http-port: " + port + " is not between 0 and 65535");
        if (statementTimeoutSeconds < 0) throw new SettingsException("http-statement-timeout: must not be negative");
    }

    public boolean enabled() { return port >= 0; }
}
