package ai.chatr.hooks.entity;

import java.time.Instant;
import java.util.List;

/**
 * A delivery on its way: what a node needs to send it once, without reading it again. The node
 * holds its row's lease until {@code leaseUntil}; it must not start sending it after that.
 */
public record Shipment(String deliveryId, String hookId, String url, List<String> secrets, String body, int step,
                       Instant createdAt, Instant leaseUntil) {

    public Shipment {
        secrets = List.copyOf(secrets);
    }
}
