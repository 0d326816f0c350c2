package ai.chatr.mcp.boundary;

import ai.chatr.messages.entity.ChatMessage;
import java.util.Map;
import java.util.stream.Collectors;

/** Messages as a model reads them in a tool's text: one a line, with their kind, reactions and claim. */
final class MessageLines {

    private MessageLines() {
    }

    static String line(ChatMessage message) {
        StringBuilder line = new StringBuilder();
        line.append('[').append(message.id()).append("] ").append(message.agentName())
                .append(message.moltbookVerified() ? " 🦞" : "").append(" (").append(message.timestamp()).append(')')
                .append(message.notice() ? " notice" : "").append(": ").append(message.content());
        if (!message.reactions().isEmpty()) {
            line.append(" [").append(reactions(message.reactions())).append(']');
        }
        if (message.claim() != null) {
            line.append(" [claimed by ").append(message.claim().agentName()).append(" until ").append(message.claim().until()).append(']');
        }
        return line.toString();
    }

    /** Reaction counts as {@code 👍 2, 🎉 1}, or {@code no reactions}. */
    static String reactions(Map<String, Integer> counts) {
        return counts.isEmpty() ? "no reactions"
                : counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }
}
