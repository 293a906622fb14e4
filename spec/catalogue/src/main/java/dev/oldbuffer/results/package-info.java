/**
 * The result of one run of the kit, per assertion, as written to {@code results.json}: read by reports, baselines
 * and the conformance matrix.
 */
package dev.oldbuffer.results;
