package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final Handler OK = request -> HttpResponse.noContent();

    @Test
    void matchesParametersAndPrefersLiterals() {
        Handler stats = request -> HttpResponse.text(200, "stats");
        Routes routes = Routes.builder()
                .add("GET", "/v1/tickets/{id}", OK)
                .add("GET", "/v1/tickets/stats", stats)
                .add("post", "/v1/brands/{brand}/tickets/{id}/events", OK)
                .build();
        Routes.Match one = routes.match("GET", List.of("v1", "tickets", "t-1"));
        assertThat(one.pattern()).isEqualTo("/v1/tickets/{id}");
        assertThat(one.pathParams()).isEqualTo(Map.of("id", "t-1"));
        assertThat(routes.match("GET", List.of("v1", "tickets", "stats")).handler()).isSameAs(stats);
        Routes.Match events = routes.match("POST", List.of("v1", "brands", "acme", "tickets", "9", "events"));
        assertThat(events.pathParams()).isEqualTo(Map.of("brand", "acme", "id", "9"));
        assertThat(routes.match("GET", List.of("v1", "tickets", "")).handler()).isNull();
        assertThat(routes.match("GET", List.of("v1", "tickets")).allowed()).isEmpty();
    }

    @Test
    void knowsWhichMethodsAPathAllows() {
        Routes routes = Routes.builder().add("GET", "/a/{x}", OK).add("DELETE", "/a/{x}", OK).build();
        Routes.Match match = routes.match("POST", List.of("a", "1"));
        assertThat(match.handler()).isNull();
        assertThat(match.allowed()).isEqualTo(Set.of("DELETE", "GET"));
        assertThat(match.pattern()).isEqualTo("/a/{x}");
    }

    @Test
    void refusesClashesAndBadPatterns() {
        assertThatThrownBy(() -> Routes.builder().add("GET", "/a/{x}", OK).add("GET", "/a/{y}", OK))
                .hasMessageContaining("clashes");
        assertThatThrownBy(() -> Routes.builder().add("GET", "a", OK)).hasMessageContaining("starting with /");
        assertThatThrownBy(() -> Routes.builder().add("GET", "/a/{x}/{x}", OK)).hasMessageContaining("each parameter once");
        assertThatThrownBy(() -> Routes.builder().add("GET", "/a/b{x}", OK)).hasMessageContaining("literals or {name}");
        assertThatThrownBy(() -> Routes.builder().add("GE T", "/a", OK)).hasMessageContaining("HTTP method");
    }

    @Test
    void decoratorsWrapInTheOrderTheyRead() throws Exception {
        StringBuilder trace = new StringBuilder();
        Decorator auth = next -> request -> {
            trace.append("auth>");
            return next.handle(request.withAttribute(EXPERT, "exp-1"));
        };
        Decorator audit = next -> request -> {
            trace.append("audit>");
            return next.handle(request);
        };
        Handler handler = ((Handler) request -> {
            trace.append("handler:").append(request.attribute(EXPERT).orElseThrow());
            return HttpResponse.noContent();
        }).decorate(auth).decorate(audit);
        assertThat(handler.handle(HttpRequest.builder("GET", "/x").build()).status()).isEqualTo(204);
        assertThat(trace).hasToString("audit>auth>handler:exp-1");
    }

    private static final RequestAttribute<String> EXPERT = RequestAttribute.of("expert", String.class);

    @Test
    void pathSegmentsDecodeStrictly() {
        assertThat(PathSegments.decode("/")).isEmpty();
        assertThat(PathSegments.decode("/a%20b/c%2Fd/%C3%B1")).containsExactly("a b", "c/d", "ñ");
        assertThat(PathSegments.decode("/a+b")).containsExactly("a+b");
        assertThat(PathSegments.decode("/%zz")).isNull();
        assertThat(PathSegments.decode("/%C3")).isNull();
        assertThat(PathSegments.decode("relative")).isNull();
    }
}
