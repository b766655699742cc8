package io.hvreplica.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the password comes from, in order: the HVREPLICA_PASSWORD environment variable, a file,
 * or a prompt on a terminal. Never the command line, where other users could read it.
 */
final class Passwords {
    static final String ENV = "HVREPLICA_PASSWORD";

    private Passwords() {
    }

    static char[] read(Map<String, String> env, Path file, Console console, String user) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // One trailing newline is the editor's, not the password's.
                if (text.endsWith("\r\n")) {
                    text = text.substring(0, text.length() - 2);
                } else if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    throw new UsageException("the password file " + file + " is empty");
                }
                return text.toCharArray();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UsageException("the password file " + file + " does not exist");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UsageException("the password file " + file + " is not UTF-8 text");
            } catch (IOException e) {
                throw new UsageException("cannot read the password file " + file + " (" + e.getClass().getSimpleName()
                        + ")");
            }
        }
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", user);
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new UsageException("no password for " + user + ": set " + ENV + ", pass --password-file FILE,"
                + " or run on a terminal to be prompted");
    }
}
