package ai.chatr;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * chatr's own data source, configured entirely by MicroProfile Config: by default an H2 file in
 * {@code chatr.data-dir} that commits to disk before answering ({@code WRITE_DELAY=0}); a
 * {@code jdbc:postgresql://…} {@code chatr.db.url} (with {@code chatr.db.user} and
 * {@code chatr.db.password}) selects PostgreSQL instead.
 *
 * <p>The definition names no URL, user or password: {@link UrlDataSource} reads them from the
 * application's configuration when the pool connects. Payara's {@code ${MPCONFIG=…}} placeholders
 * would not do: Payara expands them once while it registers the data source, before the
 * application's configuration is visible, and keeps what it found, so that they see only environment
 * variables and system properties (it warns that the others have no value), and a default written
 * into the placeholder would hide the application's own settings.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/chatr",
        className = "ai.chatr.UrlDataSource",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class Database {

    /** The settings of the database; their defaults are in {@code META-INF/microprofile-config.properties}. */
    public static final String URL = "chatr.db.url";
    public static final String USER = "chatr.db.user";
    public static final String PASSWORD = "chatr.db.password";
}
