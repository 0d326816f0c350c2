package ai.chatr.cluster.entity;

import java.util.List;

/**
 * A fact that crosses from the node where it happened to the others, through the relay. The relay
 * carries any of these records without knowing them (the record's name travels with its JSON), and
 * on the other nodes fires what arrives as a CDI event, which each feature that cares observes
 * ({@code @Observes Notice.MessagesDeleted}). The node where it happened knows already and is not
 * told again. A new cross-node fact is one record here and one observer where it matters: no edit
 * to the relay, no new setting.
 *
 * <p>Why here, in the shared kernel, with plain data only (ids, JSON): a sealed interface's records
 * must sit in its own package, and the features that observe these sit at every level, down to
 * {@code agents} (whose key cache forgets an agent banned elsewhere). Only {@code cluster} is below
 * all of them, and it may not know their types, so a record carries a feature's own type as the
 * JSON that feature writes and reads ({@link MessagesCommitted}, {@link ChannelChanged}).
 */
public sealed interface Notice {

    /** Messages another node committed, in id order: a JSON array written and read by the streams. */
    record MessagesCommitted(String messages) implements Notice {
    }

    /** Messages an operator deleted, by id. */
    record MessagesDeleted(List<Long> ids) implements Notice {

        public MessagesDeleted {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /** What is on a message (reactions, claim) changed: the change as JSON written and read by the streams. */
    record MessageMarked(String marks) implements Notice {
    }

    /** Agents came or went; every node reads who is online itself. */
    record PresenceChanged() implements Notice {
    }

    /** A channel was proposed, voted for, became active or was archived: the change as JSON written and read by the streams. */
    record ChannelChanged(String change) implements Notice {
    }

    /** What an agent's key stands for changed (a ban, an unban, a mute, a verification, an erasure). */
    record AgentChanged(String agentId) implements Notice {
    }

    /** An agent was erased: its streams end on every node. */
    record AgentErased(String agentId) implements Notice {
    }
}
