package ai.chatr;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A data source that needs nothing but a JDBC URL: the driver follows from the URL, so that
 * {@code chatr.db.url} alone switches chatr between its embedded H2 file and PostgreSQL. The
 * container pools the connections it hands out. What is not set on it is read from chatr's
 * configuration when it connects: {@code chatr.db.url}, {@code chatr.db.user} and
 * {@code chatr.db.password} (see {@link Database}).
 */
public class UrlDataSource implements DataSource {

    /** Drivers chatr ships with (PostgreSQL) or finds in Payara (H2), by URL prefix. */
    private static final Map<String, String> DRIVERS = Map.of(
            "jdbc:postgresql:", "org.postgresql.Driver",
            "jdbc:h2:", "org.h2.Driver");

    private String url;
    private String user;
    private String password;
    private int loginTimeout;

    public void setUrl(String url) {
        this.url = url;
    }

    public void setURL(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(isBlank(user) ? setting(Database.USER) : user, isBlank(password) ? setting(Database.PASSWORD) : password);
    }

    @Override
    public Connection getConnection(String username, String secret) throws SQLException {
        String target = isBlank(url) ? setting(Database.URL) : url;
        loadDriver(target);
        return DriverManager.getConnection(target, username, secret);
    }

    /** A setting of the application this class belongs to, whatever thread asks (a pool's own threads too); empty when unset. */
    private static String setting(String name) {
        Config config = ConfigProvider.getConfig(UrlDataSource.class.getClassLoader());
        return config.getOptionalValue(name, String.class).orElse("");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void loadDriver(String url) throws SQLException {
        if (isBlank(url)) {
            throw new SQLException(Database.URL + " is not set");
        }
        for (Map.Entry<String, String> driver : DRIVERS.entrySet()) {
            if (url.startsWith(driver.getKey())) {
                try {
                    Class.forName(driver.getValue(), true, UrlDataSource.class.getClassLoader());
                } catch (ClassNotFoundException missing) {
                    throw new SQLException("No JDBC driver " + driver.getValue() + " for " + driver.getKey(), missing);
                }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logs, if anything
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
