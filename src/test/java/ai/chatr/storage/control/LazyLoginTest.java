package ai.chatr.storage.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The database product named from chatr.db.url, so that EclipseLink need not ask an absent database. */
class LazyLoginTest {

    @Test
    void theTwoDatabasesChatrShipsForAreNamedAsEclipseLinkDetectsThem() {
        assertThat(LazyLogin.product("jdbc:postgresql://127.0.0.1:5432/chatr")).contains("PostgreSQL");
        assertThat(LazyLogin.product("jdbc:h2:file:./data/chatr;WRITE_DELAY=0")).contains("H2");
    }

    @Test
    void anyOtherUrlIsLeftToEclipseLinkToDetect() {
        assertThat(LazyLogin.product("jdbc:nothing:here")).isEmpty();
        assertThat(LazyLogin.product("")).isEmpty();
    }
}
