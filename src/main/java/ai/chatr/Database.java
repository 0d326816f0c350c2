package ai.chatr;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * chatr's own data source, configured entirely by MicroProfile Config: by default an H2 file in
 * {@code chatr.data-dir} that commits to disk before answering ({@code WRITE_DELAY=0}); set
 * {@code chatr.db.url}, {@code chatr.db.class}, {@code chatr.db.user} and {@code chatr.db.password}
 * to use another database.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/chatr",
        className = "${MPCONFIG=chatr.db.class}",
        url = "${MPCONFIG=chatr.db.url}",
        user = "${MPCONFIG=chatr.db.user}",
        password = "${MPCONFIG=chatr.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class Database {
}
