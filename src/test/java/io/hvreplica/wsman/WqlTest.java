package io.hvreplica.wsman;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WqlTest {
    @Test
    void plainValueIsSingleQuoted() {
        assertEquals("'app-vm-01'", Wql.quote("app-vm-01"));
    }

    @Test
    void emptyValueIsTwoQuotes() {
        assertEquals("''", Wql.quote(""));
    }

    @Test
    void singleQuoteIsBackslashEscaped() {
        assertEquals("'o\\'brien'", Wql.quote("o'brien"));
    }

    @Test
    void backslashIsDoubled() {
        assertEquals("'C:\\\\VMs\\\\db'", Wql.quote("C:\\VMs\\db"));
    }

    @Test
    void quoteAndBackslashTogether() {
        assertEquals("'o\\'brien\\\\vm'", Wql.quote("o'brien\\vm"));
        // A trailing backslash cannot swallow the closing quote.
        assertEquals("'x\\\\'", Wql.quote("x\\"));
        assertEquals("'\\\\\\''", Wql.quote("\\'"));
    }

    @Test
    void injectionAttemptStaysOneLiteral() {
        assertEquals("'x\\' OR Name LIKE \\'%'", Wql.quote("x' OR Name LIKE '%"));
    }

    @Test
    void doubleQuotesAndUnicodeAreKept() {
        assertEquals("'\"Büro\" ✓'", Wql.quote("\"Büro\" ✓"));
    }
}
