package dev.basalt.engine;

/**
 * Engine settings the server passes in.
 *
 * @param serverVersion     version string reported to clients
 * @param rootPassword      root's password ("" for none)
 * @param maxAllowedPacket  max_allowed_packet in bytes
 */
public record EngineConfig(String serverVersion, String rootPassword, long maxAllowedPacket) {
}
