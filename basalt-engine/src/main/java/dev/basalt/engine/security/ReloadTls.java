package dev.basalt.engine.security;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.TlsReloader;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.statement.Results;
import dev.basalt.sql.ast.AlterInstance;

/**
 * ALTER INSTANCE RELOAD TLS: asks the server to rebuild its TLS context from the current ssl_*
 * variables. MySQL needs CONNECTION_ADMIN; Basalt has no dynamic privileges, so SUPER (1227).
 * A failure keeps the old context and fails with 3888 (ER_DA_SSL_LIBRARY_ERROR); with NO
 * ROLLBACK ON ERROR it switches TLS off for new connections and warns with 3888 instead.
 */
final class ReloadTls {
    private ReloadTls() {}

    static Result run(BasaltSession s, AlterInstance st) {
        if (!s.principal().grants(s.engine().accounts()).hasGlobal(Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED.error("SUPER or CONNECTION_ADMIN");
        }
        TlsReloader reloader = s.engine().tlsReloader();
        String failure = reloader == null ? "this server has no TLS listeners to reload (TLS is off or the server is embedded)"
                : reloader.reload(st.rollbackOnError());
        if (failure != null) {
            if (st.rollbackOnError() || reloader == null) throw ErrorCode.ER_DA_SSL_LIBRARY_ERROR.error(failure);
            s.warn(EvalContext.Level.WARNING, ErrorCode.ER_DA_SSL_LIBRARY_ERROR.code(),
                    ErrorCode.ER_DA_SSL_LIBRARY_ERROR.error(failure).getMessage());
        }
        return Results.ok();
    }
}
