package dev.veil.gateway.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured brands by name; brands can be added or replaced while the gateway runs. Thread-safe. */
public final class Brands {

    private final Map<String, Brand> brands = new ConcurrentHashMap<>();

    public static Brands of(Iterable<Brand> brands) {
        Brands b = new Brands();
        brands.forEach(b::put);
        return b;
    }

    private Brands() {
    }

    /** Adds or replaces a brand. */
    public void put(Brand brand) {
        requireNonNull(brand, "brand");
        brands.put(brand.name(), brand);
    }

    public Optional<Brand> find(String name) {
        return Optional.ofNullable(brands.get(requireNonNull(name, "name")));
    }

    /** The brand, or {@code unknown_brand}. */
    public Brand require(String name) {
        Brand b = name == null ? null : brands.get(name);
        if (b == null) {
            throw new GatewayException(GatewayException.UNKNOWN_BRAND, "no such brand is configured");
        }
        return b;
    }
}
