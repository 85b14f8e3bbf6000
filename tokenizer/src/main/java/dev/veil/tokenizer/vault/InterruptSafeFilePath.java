package dev.veil.tokenizer.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's name for a store file opened through {@link InterruptSafeFile}: {@code veil-interrupt-safe:}
 * before the file's path. Public, with a public constructor, only because H2 makes its file-system
 * wrappers by reflection.
 */
public final class InterruptSafeFilePath extends FilePathWrapper {

    private static final String SCHEME = "veil-interrupt-safe";

    static {
        FilePath.register(new InterruptSafeFilePath());
    }

    /** For H2: {@link #name} makes the paths. */
    public InterruptSafeFilePath() {}

    /** The name under which H2 opens {@code file} through this file system. */
    static String name(Path file) {
        return SCHEME + ":" + file;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath base = getBase();
        return new InterruptSafeFile(base.toString(), () -> base.open(mode));
    }
}
