package dev.oldbuffer.adapter.process;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts the driver and the probe source (class-path resources), and the protocol's codes generated from {@link Wire},
 * into the cache as real files the interpreter can run, one folder per content hash, written whole or not at all; and
 * packs the same files into the frame the driver's bootstrap reads first, for an interpreter that cannot see the
 * cache (a WebAssembly one sees only its own file system).
 */
final class DriverFiles {

    static final String DRIVER = "oldbuffer_driver.py";
    static final String PROBE = "probe.c";

    /** The files by name, in a fixed order; read once (they are the jar's). */
    private static final Map<String, byte[]> FILES = read();
    /** {@link #FILES} as the frame the bootstrap reads. */
    private static final byte[] FRAME = frame(FILES);
    /** The cache folder of {@link #FILES}: named by their content's hash. */
    private static final String FOLDER = folder(FILES);

    private static String folder(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(f.getValue());
            }
            return "driver-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every JDK has SHA-256
        }
    }

    private DriverFiles() {
    }

    private static Map<String, byte[]> read() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : new String[] {DRIVER, PROBE}) {
            try (InputStream in = DriverFiles.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + name + " missing from the adapter jar");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + " from the adapter jar", e);
            }
        }
        files.put(Wire.PYTHON_MODULE + ".py", Wire.pythonModule().getBytes(StandardCharsets.UTF_8));
        files.put(Wire.C_HEADER, Wire.cHeader().getBytes(StandardCharsets.UTF_8));
        return Collections.unmodifiableMap(files);
    }

    /**
     * The files as the bootstrap reads them from standard input before anything else: a u32 size, then a u32 count and
     * for each file its name and its bytes, each a u32 length and the bytes (big-endian, as every frame of the protocol).
     */
    private static byte[] frame(Map<String, byte[]> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        try {
            out.writeInt(0);   // the size, filled in below
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                out.writeInt(f.getValue().length);
                out.write(f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        byte[] frame = body.toByteArray();
        ByteBuffer.wrap(frame).putInt(0, frame.length - 4);
        return frame;
    }

    /** Writes what the driver's bootstrap reads first from standard input: the files, for where it cannot see the cache. */
    static void send(OutputStream out) throws IOException {
        out.write(FRAME);
    }

    /** The folder holding {@value #DRIVER}, {@value #PROBE} and the generated codes. */
    static Path install(Path cache) {
        Map<String, byte[]> files = FILES;
        try {
            Path dir = cache.resolve(FOLDER);
            if (files.keySet().stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)))) {
                return dir;
            }
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, ".driver-");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Files.write(tmp.resolve(f.getKey()), f.getValue());
                }
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another process installed the same content first
            } catch (IOException e) {
                if (!Files.isRegularFile(dir.resolve(DRIVER))) {
                    throw e;
                }
            } finally {
                deleteTree(tmp);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the driver into " + cache, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
