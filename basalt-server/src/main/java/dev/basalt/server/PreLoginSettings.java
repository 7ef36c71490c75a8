package dev.basalt.server;

/**
 * What a client that has not logged in may hold, the same on every port that logs clients in
 * (MySQL, PostgreSQL). Kept apart from {@link ServerSettings} because only start-up reads them.
 *
 * @param connectTimeoutSeconds seconds from accept to logged in: @@global.connect_timeout at start
 *                              (MySQL's variable and range, 2..31536000; SET GLOBAL changes it later)
 * @param maxUnauthenticated    connections still logging in at once, per port; a new one beyond it
 *                              closes the oldest unfinished login (MySQL has no such setting)
 */
public record PreLoginSettings(long connectTimeoutSeconds, int maxUnauthenticated) {
    public static final PreLoginSettings DEFAULTS = new PreLoginSettings(
            Long.parseLong(Setting.CONNECT_TIMEOUT.defaultText()),
            Integer.parseInt(Setting.MAX_UNAUTHENTICATED_CONNECTIONS.defaultText()));

    public PreLoginSettings {
        if (connectTimeoutSeconds < 2 || connectTimeoutSeconds > 31_536_000) {
            throw new SettingsException("connect-timeout: expected 2 to 31536000 seconds, got " + connectTimeoutSeconds);
        }
        if (maxUnauthenticated < 1) {
            throw new SettingsException("max-unauthenticated-connections: must be at least 1, got " + maxUnauthenticated);
        }
    }
}
