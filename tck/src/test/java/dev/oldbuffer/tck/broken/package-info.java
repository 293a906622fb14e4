/**
 * The kit's proof that it catches broken implementations: deliberately broken variants of the reference
 * implementation (selectable as {@code broken-<id>}), a runtime without optional features, the test that runs the
 * whole kit against each, and a benchmark of the full kit against the reference implementation.
 */
package dev.oldbuffer.tck.broken;
