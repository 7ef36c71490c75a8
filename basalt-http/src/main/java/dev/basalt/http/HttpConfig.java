package dev.basalt.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API listens and what it allows.
 *
 * @param bind             address to listen on (the server's bind address: the same loopback rule applies)
 * @param port             TCP port; 0 picks a free one
 * @param maxRequestBytes  largest request body; bigger ones get 413 (the server uses max-allowed-packet)
 * @param statementTimeout longest a request may run its statements; zero means no limit
 * @param sessionIdle      a session token expires when unused for this long
 */
public record HttpConfig(String bind, int port, long maxRequestBytes, Duration statementTimeout, Duration sessionIdle) {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(10);

    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("http port " + port + " is not between 0 and 65535");
        if (maxRequestBytes < 1) throw new IllegalArgumentException("maxRequestBytes must be positive");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
    }

    public HttpConfig(String bind, int port, long maxRequestBytes) {
        this(bind, port, maxRequestBytes, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_SESSION_IDLE);
    }
}
