package dev.basalt.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.basalt.engine.api.ErrorCode;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * require_secure_transport on a plain HTTP listener: while it is ON every request is answered
 * 403 with MySQL's error 3159 (as a MySQL client over plain TCP is refused) instead of running,
 * so credentials and data do not cross the network in clear. The health probes (/health, /ready)
 * carry neither and stay open for load balancers and orchestrators.
 */
final class SecureTransportGate implements HttpHandler {
    private final HttpHandler next;
    private final BooleanSupplier required;
    private final ObjectMapper mapper;
    private final HttpMetrics metrics;

    SecureTransportGate(HttpHandler next, BooleanSupplier required, ObjectMapper mapper, HttpMetrics metrics) {
        this.next = next;
        this.required = required;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!required.getAsBoolean() || path.equals("/health") || path.equals("/ready")) {
            next.handle(ex);
            return;
        }
        ErrorCode refused = ErrorCode.ER_SECURE_TRANSPORT_REQUIRED;
        metrics.error(refused.code());
        try {
            Exchanges.sendError(ex, mapper, new ApiError(403, refused.code(), refused.sqlState(),
                    refused.error().getMessage() + " The HTTP API needs HTTPS for that (--http-tls)."));
        } finally {
            ex.close();
        }
    }
}
