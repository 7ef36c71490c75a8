package dev.basalt.sql.parser;

/**
 * MySQL's lexical analysis, one token at a time, in a single pass over the source (no regex, no
 * per-character substrings). Comments are skipped; the content of an executable comment
 * {@code /*!NNNNN ... *}{@code /} is read as ordinary SQL when NNNNN is at most
 * {@link #SERVER_VERSION}, and skipped otherwise; optimizer hints {@code /*+ ... *}{@code /} are skipped.
 */
public final class Lexer {
    /** The version we report (8.0.40): executable comments up to it are read. */
    public static final int SERVER_VERSION = 80040;

    private final String src;
    private final int length;
    private final ParserOptions options;
    private int pos;
    private int line = 1;
    /** Inside an executable comment whose closing star-slash must be skipped. */
    private boolean inVersionComment;
    private TokenType lastType;
    private int lastEnd = -1;

    public Lexer(String src, ParserOptions options) {
        this.src = src;
        this.length = src.length();
        this.options = options;
    }

    public String source() {
        return src;
    }

    /** The next token; EOF (repeatedly) at the end. */
    public Token next() {
        Token t = scan();
        lastType = t.type;
        lastEnd = t.end;
        return t;
    }

    private Token scan() {
        skipSpaceAndComments();
        if (pos >= length) {
            return token(TokenType.EOF, length, length, line);
        }
        int start = pos;
        int startLine = line;
        char c = src.charAt(pos);
        switch (c) {
            case '\'':
                return string(start, '\'', TokenType.STRING);
            case '"':
                return options.ansiQuotes() ? quotedIdent(start, '"') : string(start, '"', TokenType.STRING);
            case '`':
                return quotedIdent(start, '`');
            case '@':
                return variable(start);
            case '?':
                return single(TokenType.PARAM);
            case '(':
                return single(TokenType.LPAREN);
            case ')':
                return single(TokenType.RPAREN);
            case '{':
                return single(TokenType.LBRACE);
            case '}':
                return single(TokenType.RBRACE);
            case ',':
                return single(TokenType.COMMA);
            case ';':
                return single(TokenType.SEMICOLON);
            case '.':
                if (pos + 1 < length && isDigit(src.charAt(pos + 1)) && !followsWord(start)) {
                    return number(start);
                }
                return single(TokenType.DOT);
            case '=':
                return single(TokenType.EQ);
            case '<':
                if (match("<=>")) {
                    return op(TokenType.NULL_SAFE_EQ, 3);
                }
                if (match("<=")) {
                    return op(TokenType.LE, 2);
                }
                if (match("<>")) {
                    return op(TokenType.NE, 2);
                }
                if (match("<<")) {
                    return op(TokenType.SHIFT_LEFT, 2);
                }
                return single(TokenType.LT);
            case '>':
                if (match(">=")) {
                    return op(TokenType.GE, 2);
                }
                if (match(">>")) {
                    return op(TokenType.SHIFT_RIGHT, 2);
                }
                return single(TokenType.GT);
            case '!':
                return match("!=") ? op(TokenType.NE, 2) : single(TokenType.BANG);
            case '~':
                return single(TokenType.TILDE);
            case '+':
                return single(TokenType.PLUS);
            case '-':
                if (match("->>")) {
                    return op(TokenType.DOUBLE_ARROW, 3);
                }
                if (match("->")) {
                    return op(TokenType.ARROW, 2);
                }
                return single(TokenType.MINUS);
            case '*':
                return single(TokenType.STAR);
            case '/':
                return single(TokenType.SLASH);
            case '%':
                return single(TokenType.PERCENT);
            case '^':
                return single(TokenType.CARET);
            case '&':
                return match("&&") ? op(TokenType.AMP_AMP, 2) : single(TokenType.AMP);
            case '|':
                return match("||") ? op(TokenType.PIPE_PIPE, 2) : single(TokenType.PIPE);
            case ':':
                return match(":=") ? op(TokenType.ASSIGN, 2) : single(TokenType.COLON);
            default:
                break;
        }
        if (isDigit(c)) {
            return number(start);
        }
        if ((c == 'x' || c == 'X') && peekIs(1, '\'')) {
            return quotedDigits(start, TokenType.HEX);
        }
        if ((c == 'b' || c == 'B') && peekIs(1, '\'')) {
            return quotedDigits(start, TokenType.BIT);
        }
        if ((c == 'n' || c == 'N') && peekIs(1, '\'')) {
            pos++;
            Token s = string(pos, '\'', TokenType.NATIONAL_STRING);
            return new Token(TokenType.NATIONAL_STRING, start, s.end, startLine, null, s.value(), src);
        }
        if (isIdentChar(c)) {
            return word(start);
        }
        pos++;
        return token(TokenType.ERROR, start, pos, startLine);
    }

    // ---------------------------------------------------------------- whitespace, comments

    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (c == '#') {
                skipToLineEnd();
            } else if (c == '-' && peekIs(1, '-') && (pos + 2 >= length || src.charAt(pos + 2) <= ' ')) {
                skipToLineEnd();
            } else if (c == '/' && peekIs(1, '*')) {
                if (!blockComment()) {
                    return;
                }
            } else if (c == '*' && inVersionComment && peekIs(1, '/')) {
                inVersionComment = false;
                pos += 2;
            } else {
                return;
            }
        }
    }

    private void skipToLineEnd() {
        while (pos < length && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    /**
     * Handles a comment starting at pos; returns false when the comment is unterminated (pos is
     * left on it so that the parser reports an error there).
     */
    private boolean blockComment() {
        if (peekIs(2, '!') && !inVersionComment) {
            int p = pos + 3;
            int digits = 0;
            int version = 0;
            while (p < length && digits < 6 && isDigit(src.charAt(p))) {
                version = version * 10 + (src.charAt(p) - '0');
                digits++;
                p++;
            }
            if (digits == 6 && version > 999999) {
                digits = 5;
            }
            if (digits == 0 || (digits >= 5 && version <= SERVER_VERSION) || digits < 5) {
                // /*! ... */ and /*!NNNNN ... */ with an old enough version: read the content as SQL.
                pos = p;
                inVersionComment = true;
                return true;
            }
        }
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
            pos = length;
            return true;
        }
        countLines(pos, close);
        pos = close + 2;
        return true;
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }

    // ---------------------------------------------------------------- literals

    private Token string(int start, char quote, TokenType type) {
        return string(start, quote, type, !options.noBackslashEscapes());
    }

    private Token string(int start, char quote, TokenType type, boolean escapes) {
        int startLine = line;
        int p = start + 1;
        int runStart = p;
        StringBuilder decoded = null;
        while (true) {
            if (p >= length) {
                pos = length;
                return token(TokenType.ERROR, start, length, startLine);
            }
            char c = src.charAt(p);
            if (c == quote) {
                if (p + 1 < length && src.charAt(p + 1) == quote) {
                    decoded = flush(decoded, runStart, p + 1);
                    p += 2;
                    runStart = p;
                    continue;
                }
                break;
            }
            if (c == '\\' && escapes && p + 1 < length) {
                decoded = flush(decoded, runStart, p);
                char e = src.charAt(p + 1);
                switch (e) {
                    case '0' -> decoded.append('\0');
                    case 'b' -> decoded.append('\b');
                    case 'n' -> decoded.append('\n');
                    case 'r' -> decoded.append('\r');
                    case 't' -> decoded.append('\t');
                    case 'Z' -> decoded.append((char) 26);
                    case '%', '_' -> decoded.append('\\').append(e);
                    default -> {
                        if (e == '\n') {
                            line++;
                        }
                        decoded.append(e);
                    }
                }
                p += 2;
                runStart = p;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            p++;
        }
        String value = decoded == null ? src.substring(start + 1, p) : flush(decoded, runStart, p).toString();
        pos = p + 1;
        return new Token(type, start, pos, startLine, null, value, src);
    }

    private StringBuilder flush(StringBuilder sb, int from, int to) {
        if (sb == null) {
            sb = new StringBuilder(Math.max(16, (to - from) * 2));
        }
        return sb.append(src, from, to);
    }

    /** `ident` (or "ident" under ANSI_QUOTES): like a string, doubled quotes, no backslash escapes. */
    private Token quotedIdent(int start, char quote) {
        return string(start, quote, TokenType.QUOTED_IDENT, false);
    }

    /** X'hex' or B'bits'. */
    private Token quotedDigits(int start, TokenType type) {
        int p = start + 2;
        while (p < length && src.charAt(p) != '\'') {
            char c = src.charAt(p);
            boolean ok = type == TokenType.HEX ? Character.digit(c, 16) >= 0 : (c == '0' || c == '1');
            if (!ok) {
                pos = p;
                return token(TokenType.ERROR, start, p, line);
            }
            p++;
        }
        if (p >= length || (type == TokenType.HEX && (p - start - 2) % 2 != 0)) {
            pos = Math.min(p + 1, length);
            return token(TokenType.ERROR, start, pos, line);
        }
        pos = p + 1;
        return new Token(type, start, pos, line, null, src.substring(start + 2, p), src);
    }

    private Token number(int start) {
        int p = start;
        // 0x.. and 0b.. (lower-case prefix only, as in MySQL)
        if (src.charAt(p) == '0' && p + 1 < length && (src.charAt(p + 1) == 'x' || src.charAt(p + 1) == 'b')) {
            boolean hex = src.charAt(p + 1) == 'x';
            int q = p + 2;
            while (q < length && (hex ? Character.digit(src.charAt(q), 16) >= 0
                    : (src.charAt(q) == '0' || src.charAt(q) == '1'))) {
                q++;
            }
            if (q > p + 2 && (q >= length || !isIdentChar(src.charAt(q)))) {
                pos = q;
                return new Token(hex ? TokenType.HEX : TokenType.BIT, start, q, line, null,
                        src.substring(p + 2, q), src);
            }
        }
        while (p < length && isDigit(src.charAt(p))) {
            p++;
        }
        TokenType type = TokenType.INTEGER;
        if (p < length && src.charAt(p) == '.') {
            type = TokenType.DECIMAL;
            p++;
            while (p < length && isDigit(src.charAt(p))) {
                p++;
            }
        }
        if (p < length && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < length && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
                q++;
            }
            if (q < length && isDigit(src.charAt(q))) {
                while (q < length && isDigit(src.charAt(q))) {
                    q++;
                }
                p = q;
                type = TokenType.APPROX;
            }
        }
        if (type == TokenType.INTEGER && p < length && isIdentChar(src.charAt(p))) {
            // MySQL identifiers may start with digits: 1abc, 123e
            return word(start);
        }
        pos = p;
        return new Token(type, start, p, line, null, null, src);
    }

    private Token word(int start) {
        int p = start;
        while (p < length && isIdentChar(src.charAt(p))) {
            p++;
        }
        pos = p;
        Keyword k = KeywordTable.lookup(src, start, p);
        return new Token(TokenType.IDENT, start, p, line, k, null, src);
    }

    private Token variable(int start) {
        if (peekIs(1, '@')) {
            pos += 2;
            return token(TokenType.AT_AT, start, pos, line);
        }
        int p = start + 1;
        if (p < length) {
            char q = src.charAt(p);
            if (q == '\'' || q == '"' || q == '`') {
                pos = p;
                Token quoted = q == '`' ? quotedIdent(p, '`') : string(p, q, TokenType.STRING);
                if (quoted.type == TokenType.ERROR) {
                    return quoted;
                }
                return new Token(TokenType.USER_VAR, start, quoted.end, quoted.line, null, quoted.value(), src);
            }
        }
        while (p < length && (isIdentChar(src.charAt(p)) || src.charAt(p) == '.')) {
            p++;
        }
        pos = p;
        return new Token(TokenType.USER_VAR, start, p, line, null, src.substring(start + 1, p), src);
    }

    // ---------------------------------------------------------------- helpers

    private boolean followsWord(int start) {
        return lastEnd == start && (lastType == TokenType.IDENT || lastType == TokenType.QUOTED_IDENT);
    }

    private Token single(TokenType type) {
        return op(type, 1);
    }

    private Token op(TokenType type, int width) {
        int start = pos;
        pos += width;
        return token(type, start, pos, line);
    }

    private Token token(TokenType type, int start, int end, int tokenLine) {
        return new Token(type, start, end, tokenLine, null, null, src);
    }

    private boolean match(String s) {
        return src.startsWith(s, pos);
    }

    private boolean peekIs(int offset, char c) {
        return pos + offset < length && src.charAt(pos + offset) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
