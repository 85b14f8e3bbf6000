package dev.veil.gateway.server.admin;

import dev.veil.gateway.http.HttpException;

/** The admin API's error codes and the exceptions that carry them; details never quote the request. */
final class AdminErrors {

    static final String INVALID_EXPERT = "invalid_expert";
    static final String INVALID_PARAMETER = "invalid_parameter";
    static final String MISSING_PARAMETER = "missing_parameter";
    static final String UNKNOWN_EXPERT = "unknown_expert";
    static final String UNKNOWN_BRAND = "unknown_brand";
    static final String UNKNOWN_TICKET = "unknown_ticket";
    static final String UNKNOWN_MESSAGE = "unknown_message";
    static final String NOT_DEAD_LETTER = "not_dead_letter";
    static final String UNKNOWN_KEY = "unknown_key";
    static final String INVALID_KEY_ID = "invalid_key_id";
    static final String INVALID_POLICY = "invalid_policy";

    private AdminErrors() {}

    static HttpException badRequest(String code, String detail) {
        return HttpException.badRequest(code, detail);
    }

    static HttpException notFound(String code, String detail) {
        return new HttpException(404, code, detail);
    }

    static HttpException unknownExpert() {
        return notFound(UNKNOWN_EXPERT, "no such expert");
    }

    static HttpException unknownBrand() {
        return notFound(UNKNOWN_BRAND, "no such brand is configured");
    }
}
