package dev.basalt.safekeeper;

import org.apache.ratis.metrics.MetricRegistries;

/**
 * Ratis' metrics (dropwizard) register a JMX reporter by default when the first registry is made
 * with no reporter configured. That starts the JVM's platform MBean server, which loads a few
 * thousand classes (JMX, the platform MXBeans, JFR's commands) and costs a new compute a large part
 * of its start-up on a small machine. Nothing reads those JMX beans, so a reporter that does nothing
 * is registered first: Ratis then keeps its registries in memory only.
 */
final class RatisMetricReporters {

    private static boolean registered;

    private RatisMetricReporters() {}

    static synchronized void withoutJmx() {
        if (registered) return;
        MetricRegistries.global().addReporterRegistration(registry -> { }, registry -> { });
        registered = true;
    }
}
