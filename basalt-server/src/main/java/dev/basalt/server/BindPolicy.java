package dev.basalt.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to expose a password-less root account beyond this machine: an empty root password is
 * fine for local development on a loopback address, but anything else must set one.
 */
public final class BindPolicy {

    private BindPolicy() {}

    /** @throws SettingsException when the root password is empty and the bind address is not loopback */
    public static void check(ServerSettings settings) {
        if (!settings.rootPassword().isEmpty() || isLoopback(settings.bind())) return;
        throw new SettingsException("refusing to listen on " + settings.bind()
                + " with an empty root password: anyone who can reach this address could log in as root.\n"
                + "Set a password with --root-password, the BASALT_ROOT_PASSWORD environment variable, "
                + "or 'root-password:' in basalt.yaml, or bind to 127.0.0.1.");
    }

    /** True for 127.0.0.0/8, ::1 and names (such as localhost) that resolve only to loopback addresses. */
    public static boolean isLoopback(String bind) {
        String host = bind.strip();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.equalsIgnoreCase("localhost")) return true;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) return false;
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new SettingsException("bind: cannot resolve address '" + bind + "'");
        }
    }
}
