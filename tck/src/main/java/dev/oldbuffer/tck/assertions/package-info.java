/** AssertJ assertions for call results, with one message factory per kind of failure. */
package dev.oldbuffer.tck.assertions;
