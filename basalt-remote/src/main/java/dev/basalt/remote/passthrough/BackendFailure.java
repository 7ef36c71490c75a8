package dev.basalt.remote.passthrough;

import java.io.IOException;

/** The backend's socket failed (as opposed to the client's): the backend connection is lost. */
final class BackendFailure extends IOException {
    BackendFailure(IOException cause) {
        super(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
    }
}
