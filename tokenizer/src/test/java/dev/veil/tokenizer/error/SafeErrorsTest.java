package dev.veil.tokenizer.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeErrorsTest {

    private static final class Sample extends VeilException {
        Sample(String code, String detail) {
            super(code, detail);
        }
    }

    @Test
    void veilExceptionsSpeakForThemselves() {
        SafeErrors.SafeError error = SafeErrors.describe(new Sample("body_too_large", "body: 2048 bytes (limit: 1024)"));
        assertThat(error.code()).isEqualTo("body_too_large");
        assertThat(error.detail()).isEqualTo("body: 2048 bytes (limit: 1024)");
    }

    @Test
    void foreignExceptionsAreNamedByTypeOnly() {
        SafeErrors.SafeError error = SafeErrors.describe(new IllegalArgumentException("jane@example.com"));
        assertThat(error.code()).isEqualTo(SafeErrors.INTERNAL);
        assertThat(error.detail()).contains("IllegalArgumentException").doesNotContain("jane");
    }

    @Test
    void codesMustBeSnakeCase() {
        assertThatThrownBy(() -> new Sample("Bad Code", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sample("", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
