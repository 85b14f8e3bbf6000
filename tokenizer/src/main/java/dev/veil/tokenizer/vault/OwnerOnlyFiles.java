package dev.veil.tokenizer.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates, checks and atomically replaces files that only their owner may read or write (POSIX
 * {@code rw-------}). On file systems without POSIX permissions the checks are skipped.
 */
final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} and its missing parents, the new ones {@code rwx------}. */
    static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates a new empty file, {@code rw-------} from its first instant; fails if it exists. */
    static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, ownerOnly());
        } else {
            Files.createFile(file);
        }
    }

    /** Takes group's and others' access away from an existing file; a no-op where POSIX is missing. */
    static void restrictToOwner(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.removeAll(GROUP_OR_OTHERS) | permissions.remove(PosixFilePermission.GROUP_EXECUTE)
                | permissions.remove(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(file, permissions);
        }
    }

    /** Opens {@code file} for writing, creating it {@code rw-------} if missing; for lock files. */
    static FileChannel openForLocking(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return POSIX ? FileChannel.open(file, options, ownerOnly()) : FileChannel.open(file, options);
    }

    /**
     * Refuses a file that group or others may read or write, telling how to fix it.
     *
     * @throws KeyUnavailableException if the file is too open or its permissions cannot be read
     */
    static void requireOwnerOnly(Path file, String what) {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new KeyUnavailableException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new KeyUnavailableException(what + " " + file + ": cannot read its permissions", e);
        }
        for (PosixFilePermission permission : GROUP_OR_OTHERS) {
            if (permissions.contains(permission)) {
                throw new KeyUnavailableException(what + " " + file + " is accessible to group or others ("
                        + PosixFilePermissions.toString(permissions) + "; expected: rw-------); fix it with: chmod 600 " + file);
            }
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that a crash leaves either the old or the new
     * file, never a mix: writes an owner-only temporary file beside it, forces it to disk, renames
     * it over the target and forces the directory.
     */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp", POSIX ? new FileAttribute<?>[] {ownerOnly()} : new FileAttribute<?>[0]);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    /** Makes a rename or creation in {@code dir} durable; a no-op where directories cannot be opened. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (AccessDeniedException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
}
