package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.intake.DeliveryObserver;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.store.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers replies through each brand's CRM API ({@link ReplyWriter}), honouring its rate limits
 * and sorting failures: 2xx delivered; 429 waits for {@code Retry-After} (the whole brand pauses,
 * other brands go on; no attempt is counted); few requests left in the CRM's window
 * ({@code X-Rate-Limit-Remaining} / {@code X-Ratelimit-Remaining}) slow the brand down before a 429;
 * 408, 409 and 5xx and unreachable CRMs are retried with backoff; 400, 401, 403, 404, 413, 422 and the
 * other 4xx will not heal: dead letter at once, with the CRM's own error code (never its body).
 * Brands this transport does not serve go to {@code fallback} (the signed-webhook transport).
 */
public final class CrmReplyTransport implements ReplyTransport {

    /** A brand's API and how replies are written there. */
    public record Target(String kind, CrmApi api, ReplyWriter writer) {
        public Target {
            requireNonNull(kind, "kind");
            requireNonNull(api, "api");
            requireNonNull(writer, "writer");
        }
    }

    /** Below this many requests left in a CRM's window, deliveries to that brand slow down. */
    public static final long LOW_WATER = 5;
    /** The pause after an answer that says few requests are left. */
    public static final Duration SLOW_DOWN = Duration.ofSeconds(2);
    /** The pause after an answer that says none are left, or a 429 without {@code Retry-After} (windows are per minute). */
    public static final Duration EMPTY_WINDOW = Duration.ofSeconds(60);
    /** The longest {@code Retry-After} honoured as given. */
    public static final Duration MAX_WAIT = Duration.ofHours(1);

    private final Map<String, Target> targets;
    private final ReplyTransport fallback;
    private final Clock clock;
    private final DeliveryObserver observer;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    private CrmReplyTransport(Map<String, Target> targets, ReplyTransport fallback, Clock clock, DeliveryObserver observer) {
        this.targets = Map.copyOf(targets);
        this.fallback = fallback;
        this.clock = clock;
        this.observer = observer;
    }

    public static CrmReplyTransport of(Map<String, Target> targets, ReplyTransport fallback, Clock clock) {
        return of(targets, fallback, clock, DeliveryObserver.NONE);
    }

    /** A transport that tells {@code observer} each time a CRM's remaining-requests header slows a brand down. */
    public static CrmReplyTransport of(Map<String, Target> targets, ReplyTransport fallback, Clock clock, DeliveryObserver observer) {
        return new CrmReplyTransport(requireNonNull(targets, "targets"), requireNonNull(fallback, "fallback"), requireNonNull(clock, "clock"),
                requireNonNull(observer, "observer"));
    }

    @Override
    public Delivery send(OutboxMessage message) {
        Target target = targets.get(message.brand());
        if (target == null) {
            return fallback.send(message);
        }
        String kind = target.kind();
        Instant now = clock.instant();
        Instant paused = pausedUntil.get(message.brand());
        if (paused != null && paused.isAfter(now)) {
            return Delivery.defer(kind + "_rate_limited", paused);
        }
        CrmReply reply = CrmReply.of(message).orElse(null);
        if (reply == null) {
            return Delivery.permanent("not_a_reply");
        }
        CrmResponse response;
        try {
            response = target.writer().write(target.api(), reply);
        } catch (ReplyWriter.InvalidReply e) {
            return Delivery.permanent(kind + "_" + e.code());
        } catch (CrmApiException e) {
            // no answer (or a token endpoint that refused): a refused token will not heal by itself
            return e.code().equals(CrmApiException.REFUSED) ? Delivery.permanent(kind + "_auth_" + e.status())
                    : Delivery.retry(kind + (e.status() == 0 ? "_unreachable" : "_" + e.status()));
        }
        return judge(message.brand(), kind, response, clock.instant());
    }

    private Delivery judge(String brand, String kind, CrmResponse response, Instant now) {
        int status = response.status();
        String code = kind + "_" + status + response.errorCode().map(c -> ":" + c).orElse("");
        if (status == 429) {
            Duration wait = response.retryAfterSeconds().isPresent()
                    ? Duration.ofSeconds(Math.min(response.retryAfterSeconds().getAsLong(), MAX_WAIT.toSeconds()))
                    : EMPTY_WINDOW;
            Instant until = now.plus(wait);
            pausedUntil.merge(brand, until, (a, b) -> a.isAfter(b) ? a : b);
            return Delivery.defer(code, until);
        }
        response.rateRemaining().ifPresent(left -> {
            if (left <= LOW_WATER) {
                Instant until = now.plus(left == 0 ? EMPTY_WINDOW : SLOW_DOWN);
                pausedUntil.merge(brand, until, (a, b) -> a.isAfter(b) ? a : b);
                observer.slowedDown(brand);
            }
        });
        if (response.ok()) {
            return Delivery.delivered();
        }
        if (status == 408 || status == 409 || status >= 500) {
            return Delivery.retry(code);
        }
        return Delivery.permanent(code);
    }

    /** Until when {@code brand}'s deliveries wait (a CRM's rate limit), if they do. */
    public java.util.Optional<Instant> pausedUntil(String brand) {
        Instant until = pausedUntil.get(brand);
        return until == null || !until.isAfter(clock.instant()) ? java.util.Optional.empty() : java.util.Optional.of(until);
    }
}
