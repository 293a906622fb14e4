/**
 * The specifications: one class per function, one test method per catalogue assertion, named
 * {@code <level>_<id>_<behaviour>} where the level is {@code required} (both profiles) or {@code cpython}.
 */
package dev.oldbuffer.tck.spec;
