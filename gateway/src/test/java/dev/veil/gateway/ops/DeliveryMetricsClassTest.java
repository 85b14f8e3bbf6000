package dev.veil.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error codes of every transport map to one closed error class. */
class DeliveryMetricsClassTest {

    @ParameterizedTest
    @CsvSource({
        "zendesk_422:RecordInvalid, rejected",
        "salesforce_400:STRING_TOO_LONG, rejected",
        "freshdesk_413, rejected",
        "zendesk_404:RecordNotFound, not_found",
        "salesforce_auth_400, auth",
        "freshdesk_401, auth",
        "http_403, auth",
        "zendesk_503, server_error",
        "http_500, server_error",
        "http_429, rate_limited",
        "http_408, unreachable",
        "timeout, unreachable",
        "connect_failed, unreachable",
        "freshdesk_unreachable, unreachable",
        "transport_error, unreachable",
        "zendesk_bad_ticket_id, invalid_reply",
        "salesforce_salesforce_bad_case_id, invalid_reply",
        "not_a_reply, invalid_reply",
        "salesforce_no_recipient, invalid_reply",
        "unknown_brand, invalid_reply",
        "something_new, other",
    })
    void errorCodesMapToClasses(String code, String expected) {
        assertThat(DeliveryMetrics.errorClass(code)).isEqualTo(expected);
        assertThat(DeliveryMetrics.ERROR_CLASSES).contains(expected);
    }
}
