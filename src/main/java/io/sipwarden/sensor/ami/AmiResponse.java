package io.sipwarden.sensor.ami;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one action: the {@code Response} frame and, for list actions
 * ({@code EventList: start}), the item events up to the {@code ...Complete} event.
 */
public record AmiResponse(AmiFrame response, List<AmiFrame> items) {
    public AmiResponse {
        Objects.requireNonNull(response, "response");
        items = List.copyOf(items);
    }

    public boolean isSuccess() {
        return response.is("Response", "Success") || response.is("Response", "Goodbye");
    }

    /** Asterisk's {@code Message}, for error reports (server text: show with Texts.safe). */
    public String message() {
        return response.getOrEmpty("Message");
    }
}
