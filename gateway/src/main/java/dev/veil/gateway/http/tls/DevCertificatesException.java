package dev.veil.gateway.http.tls;

import dev.veil.tokenizer.error.VeilException;

/**
 * Development certificates were not made: a file exists already ({@value #FILE_EXISTS}), the client
 * name is unusable ({@value #INVALID_CLIENT_NAME}) or the files could not be made or written
 * ({@value #CERTIFICATES_UNWRITABLE}). The detail names files and limits, never key material.
 */
public final class DevCertificatesException extends VeilException {

    public static final String FILE_EXISTS = "file_exists";
    public static final String INVALID_CLIENT_NAME = "invalid_client_name";
    public static final String CERTIFICATES_UNWRITABLE = "certificates_unwritable";

    DevCertificatesException(String code, String detail) {
        super(code, detail);
    }
}
