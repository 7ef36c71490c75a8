package dev.basalt.remote.passthrough;

import dev.basalt.mysql.protocol.ServerStatus;

/**
 * Finds where a COM_QUERY / COM_STMT_EXECUTE response ends in a stream of bytes read in arbitrary
 * pieces (the event loop's reads), by the same rules as {@link ResponseRelay#results()}: OKs and
 * result sets chained by the more-results flag, an ERR ending all. It keeps only each frame's
 * header and first bytes; the bytes themselves go on to the client untouched.
 */
final class ResponseEnd {
    private static final int FIRST = 0, COLUMNS = 1, COLUMNS_EOF = 2, ROWS = 3, DONE = 4;
    /** An OK's header, two length-encoded integers, status and warnings fit in this. */
    private static final int PREFIX = 32;

    private final boolean deprecateEof;
    private int phase;
    private long columnsLeft;
    private int status, warnings;
    private boolean unsupported;
    private final byte[] header = new byte[BackendChannel.HEADER];
    private int headerHave;
    private boolean inFrame;
    private int frameLength, payloadLeft, lastSequence;
    private final byte[] prefix = new byte[PREFIX];
    private int prefixHave;
    /** The previous frame was a 16 MB piece: this one continues its packet. */
    private boolean continuation;

    ResponseEnd(boolean deprecateEof) { this.deprecateEof = deprecateEof; }

    void reset() {
        phase = FIRST;
        status = 0;
        warnings = 0;
        unsupported = false;
        headerHave = 0;
        inFrame = false;
        continuation = false;
        lastSequence = 0;
    }

    /** True once the whole response went by. */
    boolean done() { return phase == DONE; }

    /** The final status flags, or {@link ResponseRelay#FAILED} after an ERR. */
    int status() { return status; }

    /** Warnings of the last OK or EOF seen (the response's final count once it is done). */
    int warnings() { return warnings; }

    /** The response asked for something the loop does not do (a LOCAL INFILE request). */
    boolean unsupported() { return unsupported; }

    /** Sequence id of the last frame header seen. */
    int lastSequence() { return lastSequence; }

    /** Reads {@code b[off, off + len)}; returns how many of them belong to the response (fewer only past its end). */
    int feed(byte[] b, int off, int len) {
        int i = off, end = off + len;
        while (i < end && phase != DONE) {
            if (!inFrame) {
                int n = Math.min(BackendChannel.HEADER - headerHave, end - i);
                System.arraycopy(b, i, header, headerHave, n);
                headerHave += n;
                i += n;
                if (headerHave < BackendChannel.HEADER) break;
                headerHave = 0;
                frameLength = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
                lastSequence = header[3] & 0xFF;
                payloadLeft = frameLength;
                prefixHave = 0;
                inFrame = true;
            }
            int n = Math.min(payloadLeft, end - i);
            int keep = Math.min(n, PREFIX - prefixHave);
            if (keep > 0) {
                System.arraycopy(b, i, prefix, prefixHave, keep);
                prefixHave += keep;
            }
            i += n;
            payloadLeft -= n;
            if (payloadLeft == 0) {
                inFrame = false;
                frame();
            }
        }
        return i - off;
    }

    private void frame() {
        boolean piece = continuation;
        continuation = frameLength == BackendChannel.MAX_PIECE;
        if (piece) return;
        int first = prefixHave == 0 ? -1 : prefix[0] & 0xFF;
        switch (phase) {
            case FIRST -> {
                if (first == 0xFF) {
                    end(ResponseRelay.FAILED);
                } else if (first == 0x00) {
                    part(okStatus());
                } else if (first == 0xFB || first < 0) {
                    unsupported = true;
                    end(ResponseRelay.FAILED);
                } else {
                    columnsLeft = lenenc(0);
                    phase = COLUMNS;
                }
            }
            case COLUMNS -> {
                if (--columnsLeft == 0) phase = deprecateEof ? ROWS : COLUMNS_EOF;
            }
            case COLUMNS_EOF -> {
                int s = eofStatus();
                if ((s & ServerStatus.CURSOR_EXISTS) != 0) part(s); // rows come later, by COM_STMT_FETCH
                else phase = ROWS;
            }
            case ROWS -> {
                if (first == 0xFF) end(ResponseRelay.FAILED);
                else if (first == 0xFE && isTerminator()) part(deprecateEof ? okStatus() : eofStatus());
            }
            default -> { }
        }
    }

    /** One result ended with {@code s}: the response too, unless more results follow. */
    private void part(int s) {
        status = s;
        phase = (s & ServerStatus.MORE_RESULTS_EXISTS) != 0 ? FIRST : DONE;
    }

    private void end(int s) {
        status = s;
        phase = DONE;
    }

    /** An EOF or OK-as-EOF rather than a row starting with 0xFE (see ResponseRelay.isTerminator). */
    private boolean isTerminator() {
        return deprecateEof ? frameLength < BackendChannel.MAX_PIECE : frameLength < 9;
    }

    private int okStatus() {
        int at = 1;
        at += lenencSize(at);
        at += lenencSize(at);
        if (at + 2 > prefixHave) return 0;
        if (at + 4 <= prefixHave && at + 4 <= frameLength) warnings = (prefix[at + 2] & 0xFF) | (prefix[at + 3] & 0xFF) << 8;
        return (prefix[at] & 0xFF) | (prefix[at + 1] & 0xFF) << 8;
    }

    private int eofStatus() {
        if (frameLength < 5) return 0;
        warnings = (prefix[1] & 0xFF) | (prefix[2] & 0xFF) << 8;
        return (prefix[3] & 0xFF) | (prefix[4] & 0xFF) << 8;
    }

    private long lenenc(int at) {
        int b = prefix[at] & 0xFF;
        if (b < 0xFB) return b;
        int size = lenencSize(at) - 1;
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) (prefix[at + 1 + i] & 0xFF) << (8 * i);
        return v;
    }

    private int lenencSize(int at) {
        return switch (prefix[at] & 0xFF) {
            case 0xFC -> 3;
            case 0xFD -> 4;
            case 0xFE -> 9;
            default -> 1;
        };
    }
}
