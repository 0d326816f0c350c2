package ai.chatr.streams.control;

import ai.chatr.http.ApiException;

/** Where a returning listener resumes: the {@code Last-Event-ID} header, else {@code ?lastEventId=}. */
public final class LastEventId {

    private LastEventId() {
    }

    /** The message id to resume after, or null for a fresh start; 400 for anything but an id. */
    public static Long resumePoint(String header, String query) {
        String lastEventId = header != null ? header : query;
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notAnId) {
            // refused below
        }
        throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID must be a message id.");
    }
}
