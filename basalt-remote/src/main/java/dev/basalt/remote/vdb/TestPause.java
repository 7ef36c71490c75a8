package dev.basalt.remote.vdb;

/**
 * A fault-injection point for crash tests of the XA coordinator: with the system property
 * {@code basalt.remote.xa.testPause=STAGE:MILLIS}, a two-phase commit sleeps that long at STAGE
 * ({@code prepared}: every participant prepared, the decision not yet logged; {@code decided}: the
 * decision logged, nothing committed), so a test can kill the process exactly there. Unset in
 * normal use: then it costs one property lookup per distributed commit.
 */
final class TestPause {
    private TestPause() {}

    static void at(String stage) {
        String p = System.getProperty("basalt.remote.xa.testPause");
        if (p == null || !p.startsWith(stage + ":")) return;
        try {
            Thread.sleep(Long.parseLong(p.substring(stage.length() + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
