package dev.basalt.it.support;

import org.junit.jupiter.api.Assumptions;

/** JUnit side of {@link MariaDbServer}: the shared instance, or a loud skip when MariaDB isn't installed. */
public final class MariaDbFixture {
    private MariaDbFixture() {}

    public static MariaDbServer require() throws java.io.IOException {
        if (!MariaDbServer.isInstalled()) {
            String msg = "\n*** mariadbd / mariadb-install-db not installed; SKIPPING MariaDB reference test ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        return MariaDbServer.shared();
    }
}
