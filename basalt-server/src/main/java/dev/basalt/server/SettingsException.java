package dev.basalt.server;

/** A configuration mistake the user must fix; its message is printed as is, without a stack trace. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
