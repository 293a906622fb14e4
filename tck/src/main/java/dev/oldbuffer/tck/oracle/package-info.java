/** What a correct implementation must show for a fixture, computed from the recipe alone. */
package dev.oldbuffer.tck.oracle;
