package dev.escalator.chat;

import java.util.Arrays;
import java.util.Objects;

/** A PNG to post with a message, with the file name and the description platforms show for it. */
// the array is copied in and out, and equals, hashCode and toString read its content
@SuppressWarnings("ArrayRecordComponent")
public record ChatImage(String fileName, String description, byte[] png) {
    public ChatImage {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(description, "description");
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatImage image
                && fileName.equals(image.fileName)
                && description.equals(image.description)
                && Arrays.equals(png, image.png);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, description, Arrays.hashCode(png));
    }

    @Override
    public String toString() {
        return "ChatImage[" + fileName + ", " + png.length + " bytes]";
    }
}
