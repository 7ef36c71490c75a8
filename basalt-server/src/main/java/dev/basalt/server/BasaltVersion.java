package dev.basalt.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Basalt's version, read from the resource Maven fills in at build time, so the pom is the only
 * place a version number is written.
 */
public final class BasaltVersion {

    private static final String RESOURCE = "basalt-version.properties";
    private static final BasaltVersion CURRENT = load();

    private final String basalt;
    private final String mysql;

    private BasaltVersion(String basalt, String mysql) {
        this.basalt = basalt;
        this.mysql = mysql;
    }

    public static BasaltVersion current() { return CURRENT; }

    /** Basalt's own version without a -SNAPSHOT suffix, e.g. {@code 0.1.0}. */
    public String basalt() { return basalt; }

    /** The MySQL version whose protocol and behaviour Basalt follows, e.g. {@code 8.0.40}. */
    public String mysql() { return mysql; }

    /**
     * The version string clients see, e.g. {@code 8.0.40-basalt-0.1.0}: MySQL's version first,
     * because connectors parse its leading numbers to pick features.
     */
    public String serverVersion() { return mysql + "-basalt-" + basalt; }

    /** What {@code basalt --version} prints. */
    public String banner() { return "basalt " + basalt + " (MySQL " + mysql + " compatible)"; }

    private static BasaltVersion load() {
        Properties props = new Properties();
        try (InputStream in = BasaltVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE + " (build with Maven)");
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String basalt = props.getProperty("basalt.version", "").replace("-SNAPSHOT", "");
        String mysql = props.getProperty("mysql.compat.version", "");
        if (basalt.isEmpty() || basalt.contains("${") || mysql.isEmpty() || mysql.contains("${")) {
            throw new IllegalStateException(RESOURCE + " was not filtered by Maven: " + props);
        }
        return new BasaltVersion(basalt, mysql);
    }
}
