package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.TlsConfig;
import dev.veil.gateway.config.VeilConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The address and brand that {@code veil ticket} and {@code veil crm test} call a running gateway with. */
class GatewayCallsTest {

    @Test
    void aWildcardListenerIsCalledOnTheLoopbackAddress() {
        assertThat(GatewayCalls.url(ListenerConfig.of("0.0.0.0", 8080, 16))).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(GatewayCalls.url(ListenerConfig.of("10.1.2.3", 9000, 16))).isEqualTo(URI.create("http://10.1.2.3:9000"));
        assertThat(GatewayCalls.url(ListenerConfig.of("::1", 8080, 16))).isEqualTo(URI.create("http://[::1]:8080"));
    }

    @Test
    void aTlsListenerIsCalledWithHttps() {
        TlsConfig tls = new TlsConfig(Path.of("cert.pem"), Path.of("key.pem"), Optional.empty(), TlsConfig.ClientAuth.NONE);
        assertThat(GatewayCalls.url(new ListenerConfig("127.0.0.1", 8443, 16, Optional.of(tls)))).isEqualTo(URI.create("https://127.0.0.1:8443"));
    }

    @Test
    void anUnknownBrandIsAUsageErrorNamingTheConfiguredBrands() {
        VeilConfig config = VeilConfig.defaults(Path.of(""));
        assertThat(GatewayCalls.brand(config, "acme").id()).isEqualTo("acme");
        assertThatThrownBy(() -> GatewayCalls.brand(config, "globex")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--brand globex: not in the configuration (expected one of: acme)");
    }
}
