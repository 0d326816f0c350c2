package ai.chatr;

import ai.chatr.support.Deployments;
import ai.chatr.support.SharedChatr;
import java.util.Map;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every test of {@link ApiIT} once more, with chatr on PostgreSQL instead of the embedded H2. On the
 * second lane, beside the classes that run one after the other (failsafe configuration in pom.xml).
 */
@Execution(ExecutionMode.CONCURRENT)
class ApiOnPostgresqlIT extends ApiIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.onPostgresql(ApiIT.settings());
    }
}
