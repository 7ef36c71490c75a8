package dev.basalt.pageserver.layer;

/** A layer file (or index) failed validation: wrong magic, version, checksum or shape. */
public final class CorruptLayerException extends RuntimeException {
    public CorruptLayerException(String message) { super(message); }
}
