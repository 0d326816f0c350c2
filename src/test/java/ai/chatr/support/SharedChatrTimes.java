package ai.chatr.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, for the
 * whole run: prints {@code IT <class> took N s} when an integration-test class ends, and a table of them,
 * slowest first, when the run ends, so that the next slow class shows in the build's output. It also
 * starts the {@link SharedChatr} server that the next class needs while the current class runs, and stops
 * a server once the last class that uses it has ended.
 */
public final class SharedChatrTimes implements TestExecutionListener {

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Long> took = new ConcurrentHashMap<>();
    private final List<Class<?>> sharing = new ArrayList<>();

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        List<Class<?>> classes = new ArrayList<>();
        plan.getRoots().forEach(root -> plan.getChildren(root).forEach(child -> testClass(child).ifPresent(classes::add)));
        synchronized (sharing) {
            classes.stream().filter(SharedChatr::uses).forEach(sharing::add);
            if (!sharing.isEmpty()) {
                SharedChatr.prepare(sharing.get(0));
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        testClass(test).ifPresent(type -> {
            started.put(type.getName(), System.nanoTime());
            synchronized (sharing) {
                int at = sharing.indexOf(type);
                if (at >= 0) {
                    Map<String, String> mine = SharedChatr.settings(type);
                    sharing.stream().skip(at + 1).filter(next -> !SharedChatr.settings(next).equals(mine)).findFirst()
                            .ifPresent(next -> SharedChatr.prepareAfter(type, next));
                }
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        testClass(test).ifPresent(type -> {
            Long since = started.remove(type.getName());
            if (since != null && type.getSimpleName().endsWith("IT")) {
                long seconds = Math.round((System.nanoTime() - since) / 1e9);
                took.put(type.getSimpleName(), seconds);
                System.out.printf("IT %s took %d s (%s)%n", type.getSimpleName(), seconds, result.getStatus());
            }
            synchronized (sharing) {
                int at = sharing.indexOf(type);
                if (at >= 0) {
                    Map<String, String> mine = SharedChatr.settings(type);
                    sharing.remove(at);
                    if (sharing.stream().noneMatch(later -> SharedChatr.settings(later).equals(mine))) {
                        SharedChatr.release(type);
                    }
                }
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        SharedChatr.stopAll();
        if (!took.isEmpty()) {
            StringBuilder table = new StringBuilder("IT classes, slowest first:\n");
            took.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(entry -> table.append(String.format("  %5d s  %s%n", entry.getValue(), entry.getKey())));
            System.out.print(table);
        }
    }

    private static Optional<Class<?>> testClass(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance)
                .<Class<?>>map(source -> ((ClassSource) source).getJavaClass())
                .filter(type -> type.getEnclosingClass() == null);
    }
}
