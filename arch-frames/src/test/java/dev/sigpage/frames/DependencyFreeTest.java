package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library's module descriptor: it requires java.base only and exports the API package only. */
class DependencyFreeTest {
    @Test
    void moduleRequiresOnlyJavaBaseAndExportsOnlyTheApi() throws IOException, URISyntaxException {
        // The compiled descriptor next to the API classes (a class-path lookup could find another module's).
        final Path classes = Path.of(
                Arch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            final ModuleDescriptor d = ModuleDescriptor.read(in);
            assertEquals("dev.sigpage.frames", d.name());
            assertEquals(
                    Set.of("java.base"),
                    d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
            assertEquals(
                    Set.of("dev.sigpage.frames"),
                    d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        }
    }
}
