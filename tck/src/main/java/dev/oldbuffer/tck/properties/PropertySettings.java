package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * How hard the properties try, read from configuration parameters or system properties:
 * {@value #TRIES} (tries of an ordinary property, default {@value #DEFAULT_TRIES}: the full kit stays fast),
 * {@value #THOROUGH} ({@code true} runs ten times as many) and {@value #SEED} (a fixed seed for every property,
 * to reproduce a run). Part of the run's {@link dev.oldbuffer.tck.TckConfig}.
 *
 * @param tries    tries of an ordinary property, before {@code thorough}
 * @param thorough whether to run ten times as many tries
 * @param seed     the seed every property uses; empty lets jqwik choose one per property
 */
@API(status = STABLE, since = "0.1")
public record PropertySettings(int tries, boolean thorough, Optional<String> seed) {

    public static final String TRIES = "oldbuffer.tries";
    public static final String THOROUGH = "oldbuffer.thorough";
    public static final String SEED = "oldbuffer.seed";
    public static final int DEFAULT_TRIES = 700;
    /** {@value #DEFAULT_TRIES} tries, not thorough, a seed drawn per run. */
    public static final PropertySettings DEFAULTS = new PropertySettings(DEFAULT_TRIES, false, Optional.empty());

    public PropertySettings {
        if (tries < 1) {
            throw new IllegalArgumentException(TRIES + " must be at least 1, got " + tries);
        }
        seed.ifPresent(s -> {
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SEED + " must be a whole number (a jqwik seed), got '" + s + "'");
            }
        });
    }

    public static PropertySettings from(Function<String, Optional<String>> lookup) {
        int tries = lookup.apply(TRIES).map(String::trim).map(PropertySettings::number).orElse(DEFAULT_TRIES);
        boolean thorough = lookup.apply(THOROUGH).map(String::trim).map(Boolean::parseBoolean).orElse(false);
        Optional<String> seed = lookup.apply(SEED).map(String::trim).filter(s -> !s.isEmpty());
        return new PropertySettings(tries, thorough, seed);
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TRIES + " must be a whole number of tries, got '" + text + "'");
        }
    }

    /** The settings as configuration parameters, which {@link #from} reads back. */
    public Map<String, String> toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(TRIES, Integer.toString(tries));
        p.put(THOROUGH, Boolean.toString(thorough));
        seed.ifPresent(s -> p.put(SEED, s));
        return p;
    }

    /** Tries of an ordinary property, thoroughness included: what a baseline records, and gives back with thorough off. */
    public int effectiveTries() {
        return tries * (thorough ? 10 : 1);
    }

    /** Tries for a property whose one try costs about as much as {@code cost} ordinary ones (at least 1). */
    public int triesFor(int cost) {
        return Math.max(1, tries * (thorough ? 10 : 1) / Math.max(1, cost));
    }

    public PropertySettings withSeed(String newSeed) {
        return new PropertySettings(tries, thorough, Optional.of(newSeed));
    }
}
