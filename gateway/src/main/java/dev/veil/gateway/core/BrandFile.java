package dev.veil.gateway.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A brand as configuration names it: its name, its policy file, and JSON pointers to the CRM
 * ticket id in the raw ticket and to the comments list in the sanitized ticket.
 */
public record BrandFile(String name, Path policyFile, String ticketIdPointer, String commentsPointer) {

    public BrandFile {
        requireNonNull(name, "name");
        requireNonNull(policyFile, "policyFile");
        requireNonNull(ticketIdPointer, "ticketIdPointer");
        requireNonNull(commentsPointer, "commentsPointer");
    }
}
