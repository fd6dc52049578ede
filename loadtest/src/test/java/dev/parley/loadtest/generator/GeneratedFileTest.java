package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFileTest {

    @TempDir
    Path dir;

    @Test
    void ensure_givenExistingExport_reusesItInsteadOfWritingAgain() throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withTargetBytes(100_000);
        GeneratedFile first = GeneratedFile.ensure(dir, options);
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(first.path(), written);

        GeneratedFile second = GeneratedFile.ensure(dir, options);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.path())).isEqualTo(written);
        assertThat(Files.size(second.path())).isEqualTo(first.bytes());
        assertThat(first.messages()).isPositive();
    }

    @Test
    void ensure_givenExportWithoutItsCount_writesItAgain() throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withTargetBytes(50_000);
        GeneratedFile first = GeneratedFile.ensure(dir, options);
        Files.delete(first.path().resolveSibling(first.path().getFileName() + ".messages"));
        Files.writeString(first.path(), "interrupted");

        GeneratedFile second = GeneratedFile.ensure(dir, options);

        assertThat(second).isEqualTo(first);
        assertThat(Files.size(second.path())).isEqualTo(first.bytes());
    }

    @Test
    void delete_removesTheExportAndItsCount() throws IOException {
        GeneratedFile file =
                GeneratedFile.ensure(dir, GeneratorOptions.defaults().withTargetBytes(10_000));

        file.delete();

        try (var entries = Files.list(dir)) {
            assertThat(entries).isEmpty();
        }
    }
}
