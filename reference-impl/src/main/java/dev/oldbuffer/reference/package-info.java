/** The reference implementation: a Java model of CPython's buffer protocol behind the kit's SPI. */
package dev.oldbuffer.reference;
