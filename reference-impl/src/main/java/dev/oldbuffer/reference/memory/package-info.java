/** A simulated address space: the memory that buffer addresses point into, with checked reads and writes. */
package dev.oldbuffer.reference.memory;
