/** Parsing a file in a small heap and measuring how much of it the parser really uses. */
@NullMarked
package dev.parley.loadtest.memory;

import org.jspecify.annotations.NullMarked;
