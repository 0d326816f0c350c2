package ai.chatr;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * chatr's own data source, configured entirely by MicroProfile Config: by default an H2 file in
 * {@code chatr.data-dir} that commits to disk before answering ({@code WRITE_DELAY=0}); a
 * {@code jdbc:postgresql://…} {@code chatr.db.url} (with {@code chatr.db.user} and
 * {@code chatr.db.password}) selects PostgreSQL instead.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/chatr",
        className = "ai.chatr.UrlDataSource",
        url = "${MPCONFIG=" + Database.URL + "}",
        user = "${MPCONFIG=" + Database.USER + "}",
        password = "${MPCONFIG=" + Database.PASSWORD + "}",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class Database {

    /** The settings of the database; their defaults are in {@code META-INF/microprofile-config.properties}. */
    public static final String URL = "chatr.db.url";
    public static final String USER = "chatr.db.user";
    public static final String PASSWORD = "chatr.db.password";
}
