package ai.chatr.storage.control;

import ai.chatr.Database;
import ai.chatr.UrlDataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Lets the persistence unit deploy while the database is away. Payara opens an entity manager at
 * deploy time, and EclipseLink then logs in: it asks the database what it is and opens one
 * connection, and a failure of either fails the whole deployment, so that chatr never starts. This
 * names the product from {@code chatr.db.url} instead of asking, and while EclipseLink logs in with
 * the database away it hands it a stand-in connection that refuses all work. Once logged in,
 * EclipseLink only ever gets real connections from the pool, one per transaction, and
 * {@link Storage} creates the tables when the database answers.
 */
public class LazyLogin implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(LazyLogin.class.getName());
    /** The JPA property that names the database without asking it. */
    static final String PRODUCT = "jakarta.persistence.database-product-name";

    @Override
    public void customize(Session session) {
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue(Database.URL, String.class).orElse("");
        Optional<String> product = product(url);
        if (product.isEmpty() || !(session.getDatasourceLogin() instanceof DatasourceLogin login)) {
            return; // a database chatr does not know: EclipseLink asks it at deploy time, as it always did
        }
        session.setProperty(PRODUCT, product.get());
        UrlDataSource direct = new UrlDataSource();
        direct.setUrl(url);
        direct.setUser(config.getOptionalValue(Database.USER, String.class).orElse(""));
        direct.setPassword(config.getOptionalValue(Database.PASSWORD, String.class).orElse(""));
        // the session's login, and the copies its connection pools made of it
        List<DatasourceLogin> logins = new ArrayList<>(List.of(login));
        if (session instanceof ServerSession server) {
            Stream.concat(Stream.of(server.getReadConnectionPool()), server.getConnectionPools().values().stream())
                    .map(ConnectionPool::getLogin)
                    .filter(DatasourceLogin.class::isInstance)
                    .map(DatasourceLogin.class::cast)
                    .filter(pooled -> !logins.contains(pooled))
                    .forEach(logins::add);
        }
        Map<DatasourceLogin, Connector> real = new LinkedHashMap<>();
        logins.forEach(each -> {
            real.put(each, each.getConnector());
            each.setConnector(new WhileLoggingIn(each.getConnector(), direct));
        });
        session.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void postLogin(SessionEvent event) {
                real.forEach(DatasourceLogin::setConnector);
            }
        });
    }

    /** The database product a JDBC URL names, as EclipseLink's platform detection spells it. */
    static Optional<String> product(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of("PostgreSQL");
        }
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of("H2");
        }
        return Optional.empty();
    }

    /**
     * The pool's connector, except that when the database does not answer a direct connection (so
     * that the pool does not log its failure too), it hands out a stand-in.
     */
    private static final class WhileLoggingIn implements Connector {

        private final Connector real;
        private final UrlDataSource direct;

        WhileLoggingIn(Connector real, UrlDataSource direct) {
            this.real = real;
            this.direct = direct;
        }

        @Override
        public Connection connect(Properties properties, Session session) {
            try (Connection probe = direct.getConnection()) {
                return real.connect(properties, session);
            } catch (SQLException away) {
                LOG.fine(() -> "Logging in without the database: " + away.getMessage());
                return standIn();
            }
        }

        @Override
        public Object clone() {
            return this;
        }

        @Override
        public String getConnectionDetails() {
            return real.getConnectionDetails();
        }

        @Override
        public void toString(PrintWriter writer) {
            real.toString(writer);
        }
    }

    /** A connection that is never open: closing it and setting it up do nothing, anything else fails. */
    private static Connection standIn() {
        return (Connection) Proxy.newProxyInstance(LazyLogin.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "isClosed" -> Boolean.FALSE;
                    case "isValid" -> Boolean.FALSE;
                    case "getAutoCommit" -> Boolean.TRUE;
                    case "getWarnings" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "chatr's stand-in for an unreachable database";
                    default -> {
                        if (method.getReturnType() == void.class) {
                            yield null;
                        }
                        throw new SQLException("chatr's database is not reachable yet", "08001");
                    }
                });
    }
}
