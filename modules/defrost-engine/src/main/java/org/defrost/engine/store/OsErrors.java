package org.defrost.engine.store;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Messages of file-system errors that keep the operating system's reason. Java's {@link FileSystemException}
 * subclasses carry only the path as their message ({@code AccessDeniedException: /x/artifacts}); people need
 * to read "permission denied" next to it.
 */
public final class OsErrors {
    private OsErrors() {
    }

    /**
     * The error as one line: {@code <path>: <reason>} for file-system errors (with the other path of a move
     * or copy), the message otherwise.
     */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f) {
            String path = f.getFile() == null ? "" : f.getFile();
            String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
            return path + other + ": " + reason(f);
        }
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && (m == null || m.equals(cause.toString()) || m.equals(cause.getMessage()))) {
            // a wrapper (UncheckedIOException, ExecutionException) that only repeats its cause
            return describe(cause);
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The reason alone, without the path: "permission denied", "no such file or directory", "not a directory";
     * for errors other than file-system errors, the message.
     */
    public static String reason(Throwable e) {
        return e instanceof FileSystemException f ? reason(f) : describe(e);
    }

    private static String reason(FileSystemException f) {
        if (f.getReason() != null && !f.getReason().isBlank()) {
            return lowerFirst(f.getReason());
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof java.nio.file.DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return f.getClass().getSimpleName();
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The first file-system error in the cause chain of {@code e}, or null. */
    public static FileSystemException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                return f;
            }
        }
        return null;
    }
}
