package dev.basalt.engine.session;

/** One SHOW WARNINGS row. */
public record Warning(String level, int code, String message) {
}
