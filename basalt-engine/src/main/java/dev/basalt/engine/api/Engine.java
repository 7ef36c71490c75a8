package dev.basalt.engine.api;

import java.util.Optional;

/**
 * The protocol-neutral front of the SQL engine: what a wire protocol (MySQL, later PostgreSQL,
 * HTTP) needs and nothing more. A protocol module depends on this package only.
 */
public interface Engine extends AutoCloseable {

    /** Server version string as clients see it, e.g. {@code 8.0.40-basalt-0.1.0}. */
    String serverVersion();

    /** Looks up an account for authentication; empty when the user does not exist. */
    Optional<UserAccount> findUser(String user);

    /**
     * Looks up the account a client at {@code clientHost} (its IP as the server sees it) logs in
     * as: the most specific matching host pattern of that user name, as MySQL orders them.
     */
    default Optional<UserAccount> findUser(String user, String clientHost) {
        return findUser(user);
    }

    /**
     * Failed logins per user and client address, shared by every listener of this engine (so a
     * password guesser cannot switch protocols to escape the delays). Engines that keep none share
     * one process-wide.
     */
    default LoginThrottle loginThrottle() {
        return DefaultLoginThrottle.INSTANCE;
    }

    /** Holder of the process-wide throttle of engines without their own. */
    final class DefaultLoginThrottle {
        static final LoginThrottle INSTANCE = new LoginThrottle();

        private DefaultLoginThrottle() {}
    }

    /**
     * Opens a session for an authenticated user. {@code database} may be null (no default
     * schema); an unknown database raises 1049.
     */
    Session openSession(SessionOptions options);

    /** One line of server status for COM_STATISTICS. */
    String statistics();

    @Override
    void close();
}
