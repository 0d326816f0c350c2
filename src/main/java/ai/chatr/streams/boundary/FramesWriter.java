package ai.chatr.streams.boundary;

import ai.chatr.streams.control.Frames;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes the frames waiting for a stream as the bytes they were encoded to once, instead of the
 * runtime's own event writer building each event's lines again for every listener. An
 * application's writer takes precedence over the runtime's for the same type (JAX-RS 3.1, 4.2.3),
 * and this one claims only {@link Frames}: any other event would still be written by the runtime.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public class FramesWriter implements MessageBodyWriter<Frames> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Frames.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Frames frames, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        frames.writeTo(entityStream);
    }
}
