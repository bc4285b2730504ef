package dev.herald.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The shared conformance vectors in {@code ../shared/vectors}. Absent vectors fail the test loudly:
 * a conformance test that silently skips proves nothing.
 */
public final class Vectors {
    private Vectors() {}

    /** The vectors folder: the {@code herald.vectors} system property, else {@code ../shared/vectors}. */
    public static Path root() {
        String configured = System.getProperty("herald.vectors");
        Path root = configured != null ? Paths.get(configured) : Paths.get("..", "shared", "vectors");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test vectors not found at " + root.toAbsolutePath()
                    + ": clone the repository beside ../shared (or set -Dherald.vectors)");
        }
        return root;
    }

    /** A file under the vectors folder, which must exist. */
    public static Path path(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test vector missing: " + file.toAbsolutePath());
        }
        return file;
    }

    /** The names of the files directly in the vectors sub-folder {@code relative}, sorted. */
    public static java.util.List<String> list(String relative) {
        Path folder = root().resolve(relative);
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list test vectors in " + folder.toAbsolutePath(), e);
        }
    }

    /** A vector file's text, as UTF-8. */
    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
