/**
 * The service provider interface: what an implementation of the old buffer API offers the kit, in C's terms.
 */
package dev.oldbuffer.spi;
