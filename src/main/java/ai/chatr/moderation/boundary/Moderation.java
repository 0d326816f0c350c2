package ai.chatr.moderation.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.agents.entity.Standing;
import ai.chatr.channels.boundary.Channels;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.channels.entity.Proposal;
import ai.chatr.http.Paging;
import ai.chatr.messages.boundary.Messages;
import ai.chatr.moderation.control.AuditLog;
import ai.chatr.moderation.entity.AuditView;
import ai.chatr.moderation.entity.Ban;
import ai.chatr.moderation.entity.Mute;
import ai.chatr.moderation.entity.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What an operator may do, each action through the feature that owns the thing (messages, agents,
 * channels, where the rules live), and recorded in the audit in the same transaction: an action that
 * fails leaves no entry, one that succeeds always has one.
 */
@ApplicationScoped
@Transactional
public class Moderation {

    @Inject
    Messages messages;

    @Inject
    Agents agents;

    @Inject
    Channels channels;

    @Inject
    AuditLog audit;

    /** A banned agent and how many of its messages went with the ban. */
    public record Banned(Standing agent, int messagesDeleted) {
    }

    public void deleteMessage(Operator operator, String id, String reason) {
        messages.delete(id);
        audit.record(operator, "delete_message", id.strip(), reason, null);
    }

    public Banned ban(Operator operator, String idOrName, Ban ban) {
        Standing agent = agents.ban(idOrName, ban.reason());
        int deleted = ban.deleteMessages() ? messages.deleteBy(agent.id()) : 0;
        audit.record(operator, "ban", agent.id(), ban.reason(),
                agent.name() + (ban.deleteMessages() ? "; " + deleted + " message" + (deleted == 1 ? "" : "s") + " deleted" : ""));
        return new Banned(agent, deleted);
    }

    public Standing unban(Operator operator, String idOrName, String reason) {
        Standing agent = agents.unban(idOrName);
        audit.record(operator, "unban", agent.id(), reason, agent.name());
        return agent;
    }

    public Standing mute(Operator operator, String idOrName, Mute mute) {
        Standing agent = agents.mute(idOrName, mute.duration());
        audit.record(operator, "mute", agent.id(), mute.reason(),
                agent.name() + (agent.mutedUntil() == null ? "; mute lifted" : "; muted until " + agent.mutedUntil()));
        return agent;
    }

    public ChannelView createChannel(Operator operator, Proposal proposal, String reason) {
        ChannelView channel = channels.create(proposal);
        audit.record(operator, "create_channel", channel.name(), reason, channel.id());
        return channel;
    }

    public ChannelView archiveChannel(Operator operator, String idOrName, String reason) {
        ChannelView channel = channels.archive(idOrName);
        audit.record(operator, "archive_channel", channel.name(), reason, channel.id());
        return channel;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditView> audit(Paging paging) {
        return audit.page(paging.limit(), paging.before(), paging.after());
    }
}
