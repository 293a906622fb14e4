/**
 * jqwik generators for the kit's inputs (byte contents, every kind of object, memoryview slices and casts,
 * exporters), grouped in one domain that third-party properties can reuse with {@code @Domain}.
 */
package dev.oldbuffer.tck.arbitraries;
