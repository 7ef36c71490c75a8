package dev.basalt.disagg;

/** One put ({@code value != null}) or delete ({@code value == null}) of a commit. */
public record Mutation(byte[] key, byte[] value) {
    public boolean isDelete() { return value == null; }
}
