package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Appends audit lines to {@code <data>/audit/audit.jsonl}, a file only its owner can read; with
 * {@code sync} each line is forced to disk before {@link #append} returns, so an audited call is
 * never answered before its record is durable.
 */
public final class FileAuditSink implements AuditSink, Closeable {

    /** The folder under the data directory. */
    public static final String DIRECTORY = "audit";
    /** The file's name in {@link #DIRECTORY}. */
    public static final String FILE = "audit.jsonl";
    /** How much of the file's end {@link #tail} reads at most. */
    public static final int TAIL_BYTES = 512 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final boolean sync;

    private FileAuditSink(Path file, FileChannel channel, boolean sync) {
        this.file = file;
        this.channel = channel;
        this.sync = sync;
    }

    /** Opens (or creates, owner-only) the audit file under {@code dataDir}. */
    public static FileAuditSink open(Path dataDir, boolean sync) throws IOException {
        requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.resolve(DIRECTORY);
        Path file = dir.resolve(FILE);
        boolean posix = Files.getFileAttributeView(dataDir, PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileChannel channel = posix
                ? FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (posix) {
            // an existing file made by hand may be wider open; the audit names experts and brands
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return new FileAuditSink(file, channel, sync);
    }

    /** The audit file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(String jsonLine) throws IOException {
        requireNonNull(jsonLine, "jsonLine");
        if (jsonLine.indexOf('\n') >= 0 || jsonLine.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("jsonLine: contains a line break (expected: one line)");
        }
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        if (sync) {
            channel.force(false);
        }
    }

    /** Reads back at most the last {@link #TAIL_BYTES} of the file, so a long audit log is never read whole. */
    @Override
    public synchronized java.util.List<String> tail(int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
        }
        long size = channel.size();
        long from = Math.max(0, size - TAIL_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && read.read(buffer, from + buffer.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.Arrays.asList(text.split("\n")));
        if (from > 0 && !lines.isEmpty()) {
            lines.remove(0); // cut mid-line
        }
        lines.removeIf(String::isBlank);
        return java.util.List.copyOf(lines.subList(Math.max(0, lines.size() - max), lines.size()));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
