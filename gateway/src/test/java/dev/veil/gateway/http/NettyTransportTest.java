package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server runs on each transport this machine can load, and its connections' event loops are
 * that transport's ({@code /loop} answers from the loop itself, which the upstream client relies on).
 */
@ExtendWith(NettyLeaks.class)
@Timeout(60)
class NettyTransportTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Routes routes() {
        return Routes.builder()
                .add("POST", "/echo", request -> HttpResponse.text(200, request.bodyUtf8()))
                .add("GET", "/loop", request -> HttpResponse.relayed(sink ->
                        sink.respond(HttpResponse.text(200, NettyTransport.of(sink.eventLoop()).yamlName()))))
                .build();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void theServerAnswersOnEachTransportThatLoadsHere(NettyTransport transport) throws Exception {
        assumeTrue(transport != NettyTransport.EPOLL || Epoll.isAvailable(), "epoll's native library does not load on this machine");
        try (HttpServer server = HttpServer.builder().listener(ListenerSettings.builder("public").build(), routes())
                .transport(transport).build().start()) {
            assertThat(server.transport()).isEqualTo(transport);
            for (int i = 0; i < 3; i++) { // one kept-alive connection: the same loop answers each
                var echo = client.send(java.net.http.HttpRequest.newBuilder(uri(server, "/echo"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("ticket " + i)).build(), BodyHandlers.ofString());
                assertThat(echo.statusCode()).isEqualTo(200);
                assertThat(echo.body()).isEqualTo("ticket " + i);
                assertThat(get(server, "/loop")).isEqualTo(transport.yamlName());
            }
        }
    }

    @Test
    void withoutAChoiceTheServerRunsOnEpollWhereItLoadsAndOnNioElsewhere() throws Exception {
        try (HttpServer server = HttpServer.builder().listener(ListenerSettings.builder("public").build(), routes()).build().start()) {
            assertThat(get(server, "/loop")).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
        }
    }

    @Test
    void nioIsAlwaysAvailableAndAChoiceIsReadFromItsYamlName() {
        assertThat(NettyTransport.choose(NettyTransport.Choice.of("nio"))).isEqualTo(NettyTransport.NIO);
        assertThat(NettyTransport.Choice.of("epoll")).isEqualTo(NettyTransport.Choice.EPOLL);
        assertThat(NettyTransport.Choice.of("auto")).isEqualTo(NettyTransport.Choice.AUTO);
    }

    private String get(HttpServer server, String path) throws Exception {
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri(server, path)).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port("public") + path);
    }
}
