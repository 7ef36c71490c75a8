package dev.basalt.pgwire;

import java.io.IOException;

/**
 * A frontend message that breaks the protocol (bad length, truncated field, unknown type). The
 * connection answers 08P01 and closes, as PostgreSQL does; the server carries on.
 */
final class MalformedMessageException extends IOException {
    MalformedMessageException(String message) { super(message); }
}
